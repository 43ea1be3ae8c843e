import { csvParse } from 'd3';
import type { RawRow } from '$lib/model/event';

/** Parses RFC 4180 CSV with a header row into raw rows; a leading byte-order mark is ignored. */
export function parseCsv(text: string): RawRow[] {
	const rows = csvParse(text.replace(/^\uFEFF/, ''));
	return rows.map((row) => ({ ...row }));
}
