/**
 * How an imported table's columns become events: each field of the event format takes a
 * column, a constant, or nothing. Pure and serialisable, so it travels in the URL (`map=`).
 */
import { EVENT_FIELDS, type EventField } from '$lib/model/event';

export { EVENT_FIELDS, type EventField };

export const LIST_FIELDS: ReadonlySet<EventField> = new Set(['actors', 'targets', 'tags']);
export const DATE_FIELDS: ReadonlySet<EventField> = new Set(['date', 'end_date', 'source_date']);
/** What an import needs at least (DESIGN.md): a date and an actor column. */
export const REQUIRED_FIELDS: readonly EventField[] = ['date', 'actors'];

export type FieldSource = { column: string } | { constant: string };

/** How `3/11/2025` is read: day first, month first, or not at all until the person says. */
export type DateOrder = 'dmy' | 'mdy' | 'unset';

export interface Mapping {
	fields: Partial<Record<EventField, FieldSource>>;
	/** Separates the items of list fields in text cells; JSON arrays are lists already. */
	listSeparator: string;
	dateOrder: DateOrder;
}

export const LIST_SEPARATORS = [';', ',', '|', '/'] as const;

export function missingRequired(mapping: Mapping): EventField[] {
	return REQUIRED_FIELDS.filter((field) => !mapping.fields[field]);
}

/**
 * `map=` as DESIGN.md writes it: `date:Date,actors:Actor 1,lever:=sanctions` (a leading `=`
 * marks a constant), plus `sep:` and `dates:` for the list separator and the date order.
 * Names and constants are percent-encoded, so commas and colons in them survive (a lone
 * surrogate, which typed text can hold, is written as U+FFFD instead of failing). A column
 * whose name starts with `=` or `\\` gets a `\\` in front, so it is not read as a constant.
 */
const COLUMN_NEEDS_ESCAPE = /^[=\\]/;

export function encodeMapping(mapping: Mapping): string {
	const parts = EVENT_FIELDS.flatMap((field) => {
		const source = mapping.fields[field];
		if (!source) return [];
		const value =
			'column' in source
				? source.column.replace(COLUMN_NEEDS_ESCAPE, '\\$&')
				: `=${source.constant}`;
		return [`${field}:${encodeURIComponent(value.toWellFormed())}`];
	});
	if (mapping.listSeparator !== ';') {
		parts.push(`sep:${encodeURIComponent(mapping.listSeparator.toWellFormed())}`);
	}
	if (mapping.dateOrder !== 'unset') parts.push(`dates:${mapping.dateOrder}`);
	return parts.join(',');
}

/** Lone surrogates (possible in a hand-made link) become U+FFFD, so the text encodes again. */
const decode = (text: string) => {
	try {
		return decodeURIComponent(text).toWellFormed();
	} catch {
		return undefined;
	}
};

export function decodeMapping(text: string): Mapping {
	const mapping: Mapping = { fields: {}, listSeparator: ';', dateOrder: 'unset' };
	for (const part of text.split(',')) {
		const colon = part.indexOf(':');
		if (colon <= 0) continue;
		const key = part.slice(0, colon);
		const value = decode(part.slice(colon + 1));
		if (value === undefined || value === '') continue;
		if (key === 'sep') mapping.listSeparator = [...value].slice(0, 3).join('');
		else if (key === 'dates')
			mapping.dateOrder = value === 'dmy' || value === 'mdy' ? value : 'unset';
		else if ((EVENT_FIELDS as readonly string[]).includes(key)) {
			const column = value.startsWith('\\') ? value.slice(1) : value;
			if (value.startsWith('=')) mapping.fields[key as EventField] = { constant: value.slice(1) };
			else if (column !== '') mapping.fields[key as EventField] = { column };
		}
	}
	return mapping;
}
