import { Table, type Utf8, type Vector } from 'apache-arrow';
import { textVector } from '$lib/db/arrow-build';

/** Joins the items of a JSON array in one cell; the mapping splits on it as on the list separator. */
const UNIT = '\u001f';

/** Keys commonly holding the rows of an API's answer, tried before any other array. */
const ROW_KEYS = ['events', 'data', 'items', 'results', 'records', 'rows'];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The rows of a JSON document: an array of objects, an object holding such an array, or
 * newline-delimited JSON (one object per line). Throws a readable error otherwise.
 */
export function jsonRows(text: string): Record<string, unknown>[] {
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch (error) {
		const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
		if (lines.length < 2) throw new Error(`This is not valid JSON: ${(error as Error).message}`);
		return lines.map((line, i) => {
			try {
				const row: unknown = JSON.parse(line);
				if (!isRecord(row)) throw new Error('not an object');
				return row;
			} catch (lineError) {
				throw new Error(
					`Line ${i + 1} of this newline-delimited JSON is not an object: ${(lineError as Error).message}`
				);
			}
		});
	}
	const rows = Array.isArray(document) ? document : findRows(document);
	if (!rows) throw new Error('This JSON holds no array of objects to import.');
	const bad = rows.findIndex((row) => !isRecord(row));
	if (bad !== -1) throw new Error(`Item ${bad + 1} of the JSON array is not an object.`);
	return rows as Record<string, unknown>[];
}

function findRows(document: unknown): unknown[] | undefined {
	if (!isRecord(document)) return undefined;
	const keys = Object.keys(document);
	const ordered = [...ROW_KEYS.filter((key) => keys.includes(key)), ...keys];
	for (const key of ordered) {
		const value = document[key];
		if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) return value;
	}
	return undefined;
}

function cell(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		return value.map((item) => (isRecord(item) ? JSON.stringify(item) : String(item))).join(UNIT);
	}
	return JSON.stringify(value);
}

/** A row's value as a cell; JSON nested thousands deep is refused instead of overflowing the stack. */
function cellOf(row: Record<string, unknown>, key: string, index: number): string | null {
	try {
		return cell(row[key]);
	} catch (error) {
		if (!(error instanceof RangeError)) throw error;
		const field = key.length > 40 ? `${key.slice(0, 40)}…` : key;
		throw new Error(
			`Item ${index + 1} of the JSON, field “${field}”, is nested too deeply to import.`
		);
	}
}

/** Rows as an Arrow table of text columns, in the order their keys first appear. */
export function rowsToArrow(rows: Record<string, unknown>[]): Table {
	const columns = new Map<string, (string | null)[]>();
	rows.forEach((row, index) => {
		for (const key of Object.keys(row)) {
			if (!columns.has(key)) columns.set(key, new Array<string | null>(index).fill(null));
		}
		for (const [key, values] of columns) {
			values.push(Object.prototype.hasOwnProperty.call(row, key) ? cellOf(row, key, index) : null);
		}
	});
	if (columns.size === 0) throw new Error('The JSON rows have no fields.');
	const vectors: Record<string, Vector<Utf8>> = Object.create(null);
	for (const [key, values] of columns) vectors[key] = textVector(values);
	return new Table(vectors);
}
