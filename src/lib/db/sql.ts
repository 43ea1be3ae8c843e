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
			params.push(...part.values);
		} else {
			text += '?';
			params.push(part);
		}
		text += strings[i + 1]!;
	});
	return new Sql(text, params);
}

/** Binds each value of a non-empty array: `IN (${list(ids)})`. */
export function list(values: readonly Param[]): List {
	return new List(values);
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
