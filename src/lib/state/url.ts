import { parseCalendarDate } from '$lib/model/dates';
import { EVENT_SORT_KEYS, type EventSort, type EventSortKey } from './event-sort';
import type { Filter } from './filter';

/**
 * What a URL says is shown (DESIGN.md, "URL state"): the filter, the selected event and the
 * view options. `decodeQuery` accepts anything and keeps what it can use; `encodeQuery`
 * writes the canonical form, leaving defaults out, so equal views have equal URLs.
 */
export interface ViewQuery {
	filter: Filter;
	/** Id of the selected event. */
	sel?: string;
	/** Timeline lanes. */
	lanes: 'lever' | 'actor';
	/** What colours the network's nodes. */
	colour: 'kind' | 'country';
	/** Whether the network also draws relations between actors. */
	relations: boolean;
	/** Order of the events table. */
	sort: EventSort;
}

export const DEFAULT_SORT: EventSort = { key: 'date', descending: false };

export const DEFAULT_QUERY: ViewQuery = {
	filter: { actors: [], levers: [], status: [] },
	lanes: 'lever',
	colour: 'kind',
	relations: false,
	sort: DEFAULT_SORT
};

/** Bounds that keep a hand-made or hostile URL from costing more than a person would ask for. */
const MAX_LIST = 500;
const MAX_TEXT = 200;

/** Keys of the parameters this codec owns; others (e.g. `data`, `map`, `id`) pass through. */
export const VIEW_PARAMS = [
	'actors',
	'levers',
	'status',
	'from',
	'to',
	'q',
	'sel',
	'lanes',
	'colour',
	'rel',
	'sort'
] as const;

const OWN = new Set<string>(VIEW_PARAMS);

/**
 * A percent-decoded value, or undefined when its escapes are malformed. Lone surrogates (which a
 * host's message can carry) become U+FFFD, so every value can be percent-encoded again.
 */
const decode = (text: string) => {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' ')).toWellFormed();
	} catch {
		return undefined;
	}
};

/** At most `max` UTF-16 units without splitting a character, trimmed again after the cut. */
function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
	return text.slice(0, end).trim();
}

/**
 * Splits a query string into raw (still encoded) values by key, so a list can be split on
 * its literal commas before decoding: an id containing a comma is written `%2C` and survives.
 */
function rawParams(search: string): Map<string, string[]> {
	const params = new Map<string, string[]>();
	for (const part of search.replace(/^\?/, '').split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const key = decode(eq === -1 ? part : part.slice(0, eq));
		if (key === undefined) continue;
		const value = eq === -1 ? '' : part.slice(eq + 1);
		params.set(key, [...(params.get(key) ?? []), value]);
	}
	return params;
}

function readList(params: Map<string, string[]>, key: string): string[] {
	const values: string[] = [];
	for (const raw of params.get(key) ?? []) {
		for (const item of raw.split(',')) {
			const value = decode(item)?.trim();
			if (value && !values.includes(value) && values.length < MAX_LIST) values.push(value);
		}
	}
	return values;
}

function readText(params: Map<string, string[]>, key: string): string | undefined {
	const raw = params.get(key)?.at(-1);
	const value = raw === undefined ? undefined : decode(raw)?.trim();
	return value ? truncate(value, MAX_TEXT) : undefined;
}

function readDate(params: Map<string, string[]>, key: string): string | undefined {
	const text = readText(params, key);
	return text !== undefined && parseCalendarDate(text) ? text : undefined;
}

function readSort(text: string | undefined): EventSort {
	if (!text) return DEFAULT_SORT;
	const descending = text.startsWith('-');
	const key = (descending ? text.slice(1) : text) as EventSortKey;
	return EVENT_SORT_KEYS.includes(key) ? { key, descending } : DEFAULT_SORT;
}

export function decodeQuery(search: string): ViewQuery {
	const params = rawParams(search);
	let from = readDate(params, 'from');
	let to = readDate(params, 'to');
	if (from && to && parseCalendarDate(from)!.first > parseCalendarDate(to)!.last) {
		[from, to] = [to, from];
	}
	return {
		filter: {
			actors: readList(params, 'actors'),
			levers: readList(params, 'levers'),
			status: readList(params, 'status'),
			from,
			to,
			q: readText(params, 'q')
		},
		sel: readText(params, 'sel'),
		lanes: readText(params, 'lanes') === 'actor' ? 'actor' : 'lever',
		colour: readText(params, 'colour') === 'country' ? 'country' : 'kind',
		relations: readText(params, 'rel') === '1',
		sort: readSort(readText(params, 'sort'))
	};
}

/** Percent-encodes a value; a lone surrogate (from typed or scripted input) becomes U+FFFD, not an error. */
const encodeItem = (value: string) => encodeURIComponent(value.toWellFormed());

/**
 * The canonical query string for a view, without the leading `?`. Parameters this codec does
 * not own are kept from `keep` (a current query string), so a dataset URL is not lost.
 */
export function encodeQuery(query: ViewQuery, keep = ''): string {
	const parts: string[] = [];
	const { filter } = query;
	const list = (key: string, values: string[]) => {
		if (values.length > 0) parts.push(`${key}=${values.map(encodeItem).join(',')}`);
	};
	const text = (key: string, value: string | undefined) => {
		if (value) parts.push(`${key}=${encodeItem(value)}`);
	};
	for (const [key, values] of rawParams(keep)) {
		if (!OWN.has(key)) for (const value of values) parts.push(`${encodeItem(key)}=${value}`);
	}
	list('actors', filter.actors);
	list('levers', filter.levers);
	list('status', filter.status);
	text('from', filter.from);
	text('to', filter.to);
	text('q', filter.q?.trim());
	text('sel', query.sel);
	if (query.lanes !== 'lever') text('lanes', query.lanes);
	if (query.colour !== 'kind') text('colour', query.colour);
	if (query.relations) text('rel', '1');
	if (query.sort.key !== DEFAULT_SORT.key || query.sort.descending !== DEFAULT_SORT.descending) {
		text('sort', `${query.sort.descending ? '-' : ''}${query.sort.key}`);
	}
	return parts.join('&');
}

/** Whether a filter narrows anything, i.e. whether "clear all" has something to clear. */
export function isFiltered(filter: Filter): boolean {
	return (
		filter.actors.length + filter.levers.length + filter.status.length > 0 ||
		!!filter.from ||
		!!filter.to ||
		!!filter.q
	);
}

/** View options that survive a change of dataset; filters and the selection do not. */
const KEPT_ON_NEW_DATASET = ['lanes', 'colour', 'rel', 'id'];

/**
 * The query string after another dataset has been loaded: `data` and `map` when it came from
 * an address (so the link reproduces the import), the view options, and no filters, since
 * the previous dataset's ids mean nothing in the new one.
 */
export function datasetQuery(current: string, data?: { url: string; mapping: string }): string {
	const params = rawParams(current);
	const parts = data ? [`data=${encodeItem(data.url)}`, `map=${encodeItem(data.mapping)}`] : [];
	for (const key of KEPT_ON_NEW_DATASET) {
		for (const value of params.get(key) ?? []) parts.push(`${key}=${value}`);
	}
	return parts.join('&');
}

/** Whether two view queries ask the database the same questions (view options aside). */
export function sameQueries(a: ViewQuery, b: ViewQuery): boolean {
	const questions = (q: ViewQuery) =>
		encodeQuery({ ...DEFAULT_QUERY, filter: q.filter, sort: q.sort, sel: q.sel });
	return questions(a) === questions(b);
}
