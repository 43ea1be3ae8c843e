import { csvParseRows } from 'd3';
import type { RawRow } from '$lib/model/event';

/**
 * Parses RFC 4180 CSV with a header row into raw rows; a leading byte-order mark is ignored.
 * Rows become objects here rather than in d3's `csvParse`, which compiles a converter with
 * `new Function`, something the site's Content-Security-Policy refuses.
 */
export function parseCsv(text: string): RawRow[] {
	const [header = [], ...rows] = csvParseRows(text.replace(/^\uFEFF/, ''));
	return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}
