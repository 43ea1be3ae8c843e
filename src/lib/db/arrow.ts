import { DataType, type Table, type Vector } from 'apache-arrow';

/** A result row with Arrow's values turned into plain JavaScript values. */
export type Value = string | number | boolean | null | Value[];
export type Row = Record<string, Value>;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a UTC day, so dates never move with the browser's time zone. */
function isoDay(ms: number): string {
	return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

function convert(value: unknown, type: DataType): Value {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return Number(value);
	if (DataType.isDate(type)) return isoDay(value instanceof Date ? value.getTime() : Number(value));
	if (DataType.isList(type)) {
		const child = type.children[0]!.type;
		return Array.from(value as Vector, (item) => convert(item, child));
	}
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		return value;
	}
	return String(value);
}

/**
 * The one place Arrow results become rows: BIGINT counts become numbers (they stay far below
 * 2^53 here), DATEs become `YYYY-MM-DD` text, lists become arrays.
 */
export function tableToRows<T extends Row = Row>(table: Table): T[] {
	const fields = table.schema.fields;
	const columns = fields.map((field) => table.getChild(field.name)!);
	const rows: T[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) {
		const row: Row = {};
		fields.forEach((field, c) => {
			const value = convert(columns[c]!.get(i), field.type);
			// A column named "__proto__" (from someone's file) must stay a plain own property.
			if (field.name === '__proto__') {
				Object.defineProperty(row, field.name, {
					value,
					enumerable: true,
					writable: true,
					configurable: true
				});
			} else {
				row[field.name] = value;
			}
		});
		rows[i] = row as T;
	}
	return rows;
}
