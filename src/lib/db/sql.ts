/**
 * SQL with bound values. Every value interpolated into `sql` becomes a `?` placeholder and a
 * parameter, so data never becomes SQL text; fragments made with `sql` nest, and `list()`
 * binds each item of an array. Names (tables, columns, sort keys) are never interpolated:
 * they come from code, through `raw()` with a constant.
 */
export type Param = string | number | boolean | null;

export class Sql {
	constructor(
		readonly text: string,
		readonly params: readonly Param[]
	) {}
}

class Raw {
	constructor(readonly text: string) {}
}

class List {
	constructor(readonly values: readonly Param[]) {}
}

type Part = Param | Sql | Raw | List;

/**
 * DuckDB refuses text with a lone surrogate ("The surrogate pair in string is invalid"), which a
 * typed or scripted value can hold; its data never holds one, so U+FFFD matches the same rows.
 */
const bindable = (value: Param): Param =>
	typeof value === 'string' ? value.toWellFormed() : value;

export function sql(strings: TemplateStringsArray, ...parts: Part[]): Sql {
	let text = strings[0]!;
	const params: Param[] = [];
	parts.forEach((part, i) => {
		if (part instanceof Sql) {
			text += part.text;
			params.push(...part.params);
		} else if (part instanceof Raw) {
			text += part.text;
		} else if (part instanceof List) {
			if (part.values.length === 0) throw new Error('sql: an empty list cannot be bound');
			text += part.values.map(() => '?').join(', ');
			params.push(...part.values.map(bindable));
		} else {
			text += '?';
			params.push(bindable(part));
		}
		text += strings[i + 1]!;
	});
	return new Sql(text, params);
}

/** Binds each value of a non-empty array: `IN (${list(ids)})`. */
export function list(values: readonly Param[]): List {
	return new List(values);
}

/**
 * A set of integers to test membership in, `IN (${integerSet(ords)})`: one text literal that
 * DuckDB splits into a list and unnests, a subquery it joins against. Bound parameters make it
 * plan an `IN` list as a chain of comparisons (seconds over millions of rows), and a list of
 * literals takes about 15 µs each to parse and plan: finding a table page's 500 events among
 * 1M took 10–15 ms so, 3–5 ms this way, and the page's whole query 34 ms against 28 (medians,
 * DuckDB-wasm in Node). Only 32-bit integers (ords) pass, so nothing but digits, minus signs
 * and commas reaches the SQL.
 */
export function integerSet(values: readonly number[]): Raw {
	if (values.length === 0) throw new Error('sql: an empty set cannot be written');
	for (const value of values) {
		if (!Number.isInteger(value) || (value | 0) !== value) {
			throw new Error(`sql: ${String(value)} is not a 32-bit integer`);
		}
	}
	return new Raw(`SELECT unnest(CAST(string_split('${values.join(',')}', ',') AS INTEGER[]))`);
}

/**
 * A calendar day as a DATE literal. Only YYYY-MM-DD passes, so nothing but digits and dashes
 * reach the SQL; a query without bound parameters needs no prepared statement, which in the
 * browser is a round trip to the database worker of its own.
 */
export function dayLiteral(day: string): Raw {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`sql: ${day} is not a calendar day`);
	return new Raw(`DATE '${day}'`);
}

/** Trusted SQL text written in code, such as a column chosen from a fixed map. */
export function raw(text: string): Raw {
	return new Raw(text);
}

/** Joins fragments with a separator, e.g. conditions with AND. */
export function join(fragments: readonly Sql[], separator: string): Sql {
	return new Sql(
		fragments.map((fragment) => fragment.text).join(separator),
		fragments.flatMap((fragment) => fragment.params)
	);
}
