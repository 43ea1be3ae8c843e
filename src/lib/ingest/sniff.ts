import type { CsvOptions } from '$lib/db/import-sql';

export type Format = 'csv' | 'json' | 'parquet' | 'arrow';

export interface Sniffed {
	format: Format;
	/** For CSV and TSV. */
	csv?: CsvOptions;
	/** For JSON, which may come in UTF-16 or Latin-1 as well. */
	encoding?: CsvOptions['encoding'];
}

/** How many bytes of the start of a file sniffing looks at. */
export const HEAD_BYTES = 64 * 1024;

const startsWith = (bytes: Uint8Array, text: string) =>
	text.split('').every((char, i) => bytes[i] === char.charCodeAt(0));

/**
 * UTF-8 and UTF-16 by their byte-order marks, UTF-8 when the bytes decode as such, else Latin-1
 * (read as Windows-1252, its superset that spreadsheets write). `whole` says the head is the
 * whole file, so a character cut at its end is damage rather than the sample's edge.
 */
export function sniffEncoding(head: Uint8Array, whole = false): CsvOptions['encoding'] {
	if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
		return 'utf-16';
	try {
		const end = whole ? head.length : lastCompleteUtf8(head);
		new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
		return 'utf-8';
	} catch {
		return 'latin-1';
	}
}

function lastCompleteUtf8(bytes: Uint8Array): number {
	const end = bytes.length;
	for (let back = 1; back <= 3 && end - back >= 0; back++) {
		const byte = bytes[end - back]!;
		if ((byte & 0xc0) === 0xc0) return end - back;
		if ((byte & 0x80) === 0) return end;
	}
	return end;
}

/** TextDecoder's labels: DuckDB's `latin-1` is not one of them. */
export const DECODER_LABELS = { 'utf-8': 'utf-8', 'latin-1': 'windows-1252' } as const;

/** Text from bytes in a sniffed encoding, without a byte-order mark. */
export function decodeText(bytes: Uint8Array, encoding: CsvOptions['encoding']): string {
	const label =
		encoding === 'utf-16'
			? bytes[0] === 0xfe
				? 'utf-16be'
				: 'utf-16le'
			: DECODER_LABELS[encoding];
	return new TextDecoder(label).decode(bytes).replace(/^\uFEFF/, '');
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Cells per line for a delimiter, counting only delimiters outside double quotes. */
function fieldsPerLine(lines: string[], delimiter: string): number[] {
	return lines.map((line) => {
		let count = 1;
		let quoted = false;
		for (const char of line) {
			if (char === '"') quoted = !quoted;
			else if (char === delimiter && !quoted) count++;
		}
		return count;
	});
}

/**
 * The delimiter that splits the first lines into the same number of cells, more than one;
 * ties go to the file's extension (.tsv is tabs) and then to the comma.
 */
export function sniffDelimiter(text: string, name = ''): CsvOptions['delimiter'] {
	const lines = text
		.split(/\r\n|\n|\r/)
		.filter((line) => line.trim() !== '')
		.slice(0, 50);
	// The last line of a sample may be cut short.
	if (lines.length > 2) lines.pop();
	let best: CsvOptions['delimiter'] = /\.tsv$|\.tab$/i.test(name) ? '\t' : ',';
	let bestScore = 0;
	for (const delimiter of DELIMITERS) {
		const counts = fieldsPerLine(lines, delimiter);
		const first = counts[0] ?? 1;
		if (first < 2) continue;
		const consistent = counts.filter((count) => count === first).length / counts.length;
		const score = consistent * 10 + Math.min(first, 10) / 10;
		if (score > bestScore + 1e-9) [best, bestScore] = [delimiter, score];
	}
	return best;
}

/**
 * Tells the format from the first bytes (magic numbers for Parquet and Arrow, the first
 * character for JSON), or explains why the file cannot be read.
 */
export function sniff(head: Uint8Array, name: string, whole = false): Sniffed | { error: string } {
	if (head.length === 0) return { error: 'The file is empty.' };
	if (startsWith(head, 'PAR1')) return { format: 'parquet' };
	if (startsWith(head, 'ARROW1')) return { format: 'arrow' };
	if (head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) {
		return { format: 'arrow' };
	}
	const encoding = sniffEncoding(head, whole);
	const sample = head.subarray(0, 4096);
	if (encoding !== 'utf-16' && sample.includes(0)) {
		return {
			error:
				'This does not look like a CSV, TSV, JSON, Parquet or Arrow file: it contains binary data.'
		};
	}
	const text = decodeText(head, encoding);
	if (text.trim() === '') return { error: 'The file holds no data, only blank space.' };
	const first = text.trimStart()[0];
	if (first === '[' || first === '{') return { format: 'json', encoding };
	return { format: 'csv', csv: { delimiter: sniffDelimiter(text, name), encoding } };
}
