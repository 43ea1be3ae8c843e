import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type { Connector } from '$lib/db/connector';
import {
	BUILD_ISSUES,
	buildCsvSourceStatement,
	buildIssuesQuery,
	buildMappedStatements,
	buildSampleQuery,
	COUNT_RAW,
	DESCRIBE_RAW,
	DROP_IMPORT,
	KEPT_TEXT_SOURCES,
	NUMBER_ROWS,
	PREPARE_STAGING,
	READER_REJECTS,
	REPORT_COUNTS,
	SOURCE
} from '$lib/db/import-sql';
import { replaceDataset } from '$lib/db/load';
import { jsonRows, rowsToArrow } from './json';
import { tooLarge } from './limits';
import type { Mapping } from './mapping';
import { readParquetInto, type ParquetModule } from './parquet';
import { DECODER_LABELS, decodeText, HEAD_BYTES, sniff, type Format } from './sniff';
import type { ColumnInfo } from './suggest';

export type ImportPhase = 'reading' | 'parsing' | 'checking' | 'loading';

export interface ImportProgress {
	phase: ImportPhase;
	/** Fraction done, when it can be known. */
	fraction?: number;
}

/** What the person sees before mapping: the columns, a preview, and lines that did not parse. */
export interface StagedImport {
	name: string;
	format: Format;
	rows: number;
	columns: ColumnInfo[];
	preview: (string | null)[][];
	readerRejects: { line: number; message: string }[];
}

export interface ImportIssue {
	row: number;
	severity: 'error' | 'warning';
	field: string;
	value: string | null;
	message: string;
}

/** The validation report: nothing is replaced until the person confirms it. */
export interface ImportReport {
	total: number;
	kept: number;
	rejected: number;
	warnings: number;
	/** The first issues, by row; `issueCount` says how many there are in all. */
	issues: ImportIssue[];
	issueCount: number;
}

export interface ImportDeps {
	db: Connector;
	/** Loads parquet-wasm when a Parquet file comes (it is large, so only then). */
	parquet: () => Promise<ParquetModule>;
}

const PREVIEW_ROWS = 200;
const SHOWN_ISSUES = 200;
let files = 0;

/**
 * Reads a file into `import_raw`: every value kept, typed where the format says (Parquet,
 * Arrow) and as text otherwise. The loaded dataset is not touched.
 */
export async function stageFile(
	deps: ImportDeps,
	file: Blob,
	name: string,
	signal: AbortSignal,
	onProgress: (progress: ImportProgress) => void
): Promise<StagedImport> {
	const { db } = deps;
	const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
	const sniffed = sniff(head, name, file.size <= HEAD_BYTES);
	if ('error' in sniffed) throw new Error(sniffed.error);
	const refusal = tooLarge(sniffed.format, file.size);
	if (refusal) throw new Error(refusal);
	await db.exec(DROP_IMPORT);
	onProgress({ phase: 'parsing' });

	if (sniffed.format === 'csv') {
		const fileName = `lw_import_${++files}.csv`;
		// DuckDB's own Latin-1 refuses the bytes 0x80–0x9F, where Windows-1252 has €, curly quotes
		// and dashes: such files are turned into UTF-8 here instead.
		const latin = sniffed.csv!.encoding === 'latin-1';
		await db.registerFile(fileName, latin ? await toUtf8(file, DECODER_LABELS['latin-1']) : file);
		try {
			const options = latin ? { ...sniffed.csv!, encoding: 'utf-8' as const } : sniffed.csv!;
			await db.run(buildCsvSourceStatement(fileName, options), signal);
		} catch (error) {
			signal.throwIfAborted();
			throw new Error(`This CSV file cannot be read: ${csvReaderMessage(error, fileName)}`);
		} finally {
			await db.dropFile(fileName).catch(() => undefined);
		}
	} else if (sniffed.format === 'json') {
		const text = decodeText(new Uint8Array(await file.arrayBuffer()), sniffed.encoding!);
		const rows = jsonRows(text);
		if (rows.length === 0) throw new Error('The JSON holds no rows.');
		signal.throwIfAborted();
		await db.insertArrow(SOURCE, rowsToArrow(rows));
	} else if (sniffed.format === 'parquet') {
		await readParquetInto(await deps.parquet(), db, SOURCE, file, signal, (done, total) =>
			onProgress({ phase: 'parsing', fraction: done / total })
		);
	} else {
		const bytes = new Uint8Array(await file.arrayBuffer());
		let stream: Uint8Array;
		try {
			const table = tableFromIPC(bytes);
			if (table.numCols === 0) throw new Error('it holds no columns');
			stream = tableToIPC(table, 'stream');
		} catch (error) {
			// A TypeError is the decoder tripping over the damage; its words are about its code.
			const detail = error instanceof TypeError ? '' : ` (${cleanMessage(error)})`;
			throw new Error(`This Arrow file is damaged or incomplete${detail}.`);
		}
		await db.insertArrow(SOURCE, stream);
	}
	signal.throwIfAborted();
	await db.run(NUMBER_ROWS, signal);
	return describeStaged(db, name, sniffed.format);
}

async function describeStaged(db: Connector, name: string, format: Format): Promise<StagedImport> {
	const described = await db.query<{ name: string; type: string }>(DESCRIBE_RAW);
	const [{ n } = { n: 0 }] = await db.query<{ n: number }>(COUNT_RAW);
	if (n === 0) throw new Error('The file has a header but no rows.');
	const sample = await db.query(
		buildSampleQuery(
			described.map((c) => c.name),
			PREVIEW_ROWS
		)
	);
	const preview = sample.map((row) =>
		described.map((_, i) => {
			const value = row[`c${i}`];
			return value === null || value === undefined ? null : String(value);
		})
	);
	const columns = described.map((column, i) => ({
		name: column.name,
		type: column.type,
		samples: preview.map((row) => row[i]).filter((v): v is string => v !== null && v !== undefined)
	}));
	const readerRejects =
		format === 'csv'
			? (await db.query<{ line: number; message: string }>(READER_REJECTS)).map((r) => ({
					line: r.line,
					message: r.message
				}))
			: [];
	return { name, format, rows: n, columns, preview: preview.slice(0, 10), readerRejects };
}

/** Applies a mapping and checks every row; returns the report the person confirms. */
export async function checkMapping(
	db: Connector,
	mapping: Mapping,
	signal: AbortSignal
): Promise<ImportReport> {
	// A link's mapping may name a column the file (no longer) has; say so instead of DuckDB.
	const columns = new Set(
		(await db.query<{ name: string }>(DESCRIBE_RAW)).map((c) => c.name.toLowerCase())
	);
	for (const [field, source] of Object.entries(mapping.fields)) {
		if (source && 'column' in source && !columns.has(source.column.toLowerCase())) {
			throw new Error(`The ${field} column “${source.column}” is not in this file.`);
		}
	}
	const [{ n } = { n: 0 }] = await db.query<{ n: number }>(COUNT_RAW);
	for (const statement of buildMappedStatements(mapping, n)) await db.run(statement, signal);
	await db.run(BUILD_ISSUES, signal);
	const [counts] = await db.query<{
		total: number;
		rejected: number;
		warnings: number;
		issues: number;
	}>(REPORT_COUNTS);
	const issues = await db.query<ImportIssue & { [key: string]: string | number | null }>(
		buildIssuesQuery(SHOWN_ISSUES)
	);
	return {
		total: counts!.total,
		kept: counts!.total - counts!.rejected,
		rejected: counts!.rejected,
		warnings: counts!.warnings,
		issues,
		issueCount: counts!.issues
	};
}

/** Swaps the checked rows in for the current dataset, at once; on failure nothing changes. */
export async function commitImport(db: Connector): Promise<void> {
	try {
		await replaceDataset(db, KEPT_TEXT_SOURCES, () => db.exec(PREPARE_STAGING));
	} finally {
		// The import's own copies of the rows, once in the dataset's tables or when the commit
		// fails (which ends the import), would only hold memory.
		await db.exec(DROP_IMPORT).catch(() => undefined);
	}
}

/** A file's text re-encoded as UTF-8, streamed so that a large file is not held twice as text. */
function toUtf8(file: Blob, label: string): Promise<Blob> {
	const stream = file
		.stream()
		.pipeThrough(new TextDecoderStream(label))
		.pipeThrough(new TextEncoderStream());
	return new Response(stream).blob();
}

/** DuckDB's CSV reader explains itself at length; the person gets the gist, with their terms. */
function csvReaderMessage(error: unknown, fileName: string): string {
	const message = cleanMessage(error);
	if (message.startsWith('Error when sniffing file')) {
		return 'its rows and columns cannot be made out. Check that every quote is closed and that one delimiter separates the cells.';
	}
	const encoding = /not (utf-\d+) encoded/i.exec(message)?.[1];
	if (encoding) {
		return `it starts as ${encoding.toUpperCase()} text but has bytes further on that are not. Save it as UTF-8 and import it again.`;
	}
	return message.replaceAll(`"${fileName}"`, 'the file').replaceAll(fileName, 'the file');
}

/**
 * An error as one line a person can read: the first line of the message, without DuckDB's error
 * class, taken out of the JSON DuckDB-wasm sometimes wraps it in, and with control characters
 * from the file's bytes shown as U+FFFD instead of vanishing.
 */
export function cleanMessage(error: unknown): string {
	let message = error instanceof Error ? error.message : String(error);
	if (message.startsWith('{')) {
		try {
			const parsed: unknown = JSON.parse(message);
			const inner = (parsed as { exception_message?: unknown } | null)?.exception_message;
			if (typeof inner === 'string') message = inner;
		} catch {
			// Not DuckDB's JSON after all: the text is shown as it is.
		}
	}
	return (
		message
			.replace(/^(Invalid Input|Conversion|Parser|Binder) Error: /, '')
			.split('\n')[0]!
			// eslint-disable-next-line no-control-regex -- control characters are what is replaced
			.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD')
	);
}
