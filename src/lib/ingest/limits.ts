import type { Format } from './sniff';

/**
 * The largest file of each format the browser can take. DuckDB-wasm has at most 4 GB of
 * memory and keeps the raw rows and the mapped rows side by side during an import; JSON is
 * parsed in JavaScript, which needs several times the file's size.
 */
export const MAX_BYTES: Record<Format, number> = {
	csv: 1.5 * 1024 ** 3,
	parquet: 1024 ** 3,
	arrow: 1024 ** 3,
	json: 300 * 1024 ** 2
};

const size = (bytes: number) =>
	bytes >= 1024 ** 3
		? `${(bytes / 1024 ** 3).toFixed(1)} GB`
		: `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;

const LABEL: Record<Format, string> = {
	csv: 'CSV',
	parquet: 'Parquet',
	arrow: 'Arrow',
	json: 'JSON'
};

/** A message refusing a file that is too large to import, before any of it is read. */
export function tooLarge(format: Format, bytes: number): string | undefined {
	if (bytes <= MAX_BYTES[format]) return undefined;
	const advice =
		format === 'json'
			? 'Convert it to CSV or Parquet, which are read without building every row in memory.'
			: 'Split it into smaller files, or filter it before importing.';
	return `This ${LABEL[format]} file is ${size(bytes)}; Leverwatch imports ${LABEL[format]} files up to ${size(MAX_BYTES[format])} in the browser. ${advice}`;
}
