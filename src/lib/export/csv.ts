import type { ExportEventRow } from '$lib/db/queries/export';
import { EVENT_FIELDS } from '$lib/model/event';

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage return,
 * that some spreadsheets strip before doing so). Data from a CSV must never run as a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written to a file: formula starts neutralised with a quote, then RFC 4180 quoting. */
export function csvCell(value: string | null | undefined): string {
	if (value === null || value === undefined) return '';
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV: a header row, then one line per row, every line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]) {
	return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/** Filtered events in event format v1, ready to open in a spreadsheet or load back. */
export function eventsToCsv(rows: readonly ExportEventRow[]): string {
	return toCsv(
		EVENT_FIELDS,
		rows.map((row) => EVENT_FIELDS.map((field) => row[field]))
	);
}
