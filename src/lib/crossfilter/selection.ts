import { parseCalendarDate } from '$lib/model/dates';
import type { Filter } from '$lib/state/filter';
import type { EventCodes, EventIndex, Runs } from './event-index';

/**
 * A filter resolved against an index: what filter-sql.ts says in SQL, said as masks and day
 * numbers. The time range is kept apart from the rest because the timeline shows the context
 * around its brush: `keeps` is every clause but the range, `inRange` the range alone.
 */
export interface Selection {
	/** Inclusive bounds as day numbers, infinite when open. */
	from: number;
	to: number;
	/** Allowed lever and status codes; absent when that clause is off. */
	levers?: Uint8Array;
	statuses?: Uint8Array;
	/** Positions taking part in the filter's actors, and matching its text; absent when off. */
	actors?: Uint8Array;
	text?: Uint8Array;
	/**
	 * Ascending positions that can pass: those of the most selective clause, so a pass visits
	 * the events of one actor or lever instead of all. Absent when no clause narrows. Made on
	 * first use, and kept: collecting several levers' or statuses' events is a pass over every
	 * event, which a change answered from the index's cells does not need unless the timeline
	 * draws its events one by one or the table's first page is not found by walking
	 * (table-page.ts).
	 */
	candidates?: () => Int32Array;
}

const DAY_MS = 86_400_000;

export function dayNumber(day: string): number {
	return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

export function isoDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A mask of the codes whose value is one of `chosen`; absent when nothing is chosen. */
function allowed(values: (string | null)[], chosen: string[]): Uint8Array | undefined {
	if (chosen.length === 0) return undefined;
	const mask = new Uint8Array(values.length);
	for (const code of codesOf(values, chosen)) mask[code] = 1;
	return mask;
}

/** Positions of the events any of `ids` takes part in, as actor or target. */
export function actorMask(index: EventIndex, ids: string[]): Uint8Array {
	const mask = new Uint8Array(index.size);
	const { offsets, positions } = index.runs.actor;
	for (const code of actorCodes(index, ids)) {
		for (let k = offsets[code]!; k < offsets[code + 1]!; k++) mask[positions[k]!] = 1;
	}
	return mask;
}

function actorCodes(index: EventIndex, ids: string[]): number[] {
	return [...new Set(ids.flatMap((id) => index.actors.code.get(id) ?? []))];
}

function codesOf(values: (string | null)[], chosen: string[]): number[] {
	const set = new Set(chosen);
	return values.flatMap((value, code) => (value !== null && set.has(value) ? [code] : []));
}

/**
 * The ascending union of some codes' runs; one code's run is used as it is. An event has one
 * lever and one status, so for those (`eventCodes`, each event's code) the events' codes are
 * read in one pass; an event has several actors, so their runs are marked on a mask, then
 * collected.
 */
function union(
	index: EventIndex,
	runs: Runs,
	codes: number[],
	eventCodes?: EventCodes
): Int32Array {
	const { offsets, positions } = runs;
	if (codes.length === 1) return positions.subarray(offsets[codes[0]!]!, offsets[codes[0]! + 1]!);
	let count = 0;
	for (const code of codes) count += offsets[code + 1]! - offsets[code]!;
	if (eventCodes) {
		const chosen = new Uint8Array(offsets.length - 1);
		for (const code of codes) chosen[code] = 1;
		// As in `collect`: one slot more than the events chosen, for the write after the last.
		const found = new Int32Array(count + 1);
		let n = 0;
		for (let i = 0; i < eventCodes.length; i++) {
			found[n] = i;
			n += chosen[eventCodes[i]!]!;
		}
		return found.subarray(0, n);
	}
	const mask = new Uint8Array(index.size);
	for (const code of codes) {
		for (let k = offsets[code]!; k < offsets[code + 1]!; k++) mask[positions[k]!] = 1;
	}
	return collect(mask, count);
}

/**
 * The positions a mask of 0s and 1s marks, ascending; `count` sizes the result (an upper
 * bound). Every position is written and the count moves by its mark: without a branch to
 * mispredict, this took a third less time over millions of positions marked at random. The
 * result has one slot more than `count`, for the positions written after the last mark.
 */
function collect(mask: Uint8Array, count: number): Int32Array {
	const found = new Int32Array(count + 1);
	let n = 0;
	for (let i = 0; i < mask.length; i++) {
		found[n] = i;
		n += mask[i]!;
	}
	return found.subarray(0, n);
}

/**
 * The candidates of the most selective clause: the one whose codes hold the fewest events
 * (the text clause offers the positions it matched).
 */
function candidates(
	index: EventIndex,
	filter: Filter,
	text?: Uint8Array
): (() => Int32Array) | undefined {
	const size = (runs: Runs, codes: number[]) =>
		codes.reduce((sum, code) => sum + runs.offsets[code + 1]! - runs.offsets[code]!, 0);
	const clauses: { events: number; make: () => Int32Array }[] = [];
	const add = (runs: Runs, codes: number[], each?: EventCodes) =>
		clauses.push({ events: size(runs, codes), make: () => union(index, runs, codes, each) });
	if (filter.levers.length > 0) {
		add(index.runs.lever, codesOf(index.levers, filter.levers), index.lever);
	}
	if (filter.status.length > 0) {
		add(index.runs.status, codesOf(index.statuses, filter.status), index.status);
	}
	if (filter.actors.length > 0) add(index.runs.actor, actorCodes(index, filter.actors));
	if (clauses.length === 0) return text ? once(() => collect(text, index.size)) : undefined;
	const best = clauses.reduce((a, b) => (b.events < a.events ? b : a));
	return once(best.make);
}

function once(make: () => Int32Array): () => Int32Array {
	let made: Int32Array | undefined;
	return () => (made ??= make());
}

/** Positions of the events with these ords (the database's answer to a text search). */
export function ordMask(index: EventIndex, ords: Int32Array): Uint8Array {
	const mask = new Uint8Array(index.size);
	for (const ord of ords) {
		const position = index.positionOf[ord];
		if (position !== undefined && position >= 0) mask[position] = 1;
	}
	return mask;
}

/** Every clause of `filter` but the time range, resolved; what a brush leaves as it was. */
export type Clauses = Omit<Selection, 'from' | 'to'>;

/** Resolves the clauses; the actor and text masks are made by the caller. */
export function clauses(
	index: EventIndex,
	filter: Filter,
	masks: { actors?: Uint8Array; text?: Uint8Array } = {}
): Clauses {
	return {
		levers: allowed(index.levers, filter.levers),
		statuses: allowed(index.statuses, filter.status),
		actors: filter.actors.length > 0 ? masks.actors : undefined,
		text: masks.text,
		candidates: candidates(index, filter, masks.text)
	};
}

/** The filter's time range as day numbers, infinite where open or unreadable (as in SQL). */
export function timeRange(filter: Filter): Pick<Selection, 'from' | 'to'> {
	const from = filter.from === undefined ? undefined : parseCalendarDate(filter.from)?.first;
	const to = filter.to === undefined ? undefined : parseCalendarDate(filter.to)?.last;
	return {
		from: from === undefined ? -Infinity : dayNumber(from),
		to: to === undefined ? Infinity : dayNumber(to)
	};
}

/**
 * Whether the event at position `i` passes every clause but the time range. Made once per
 * pass with the arrays held in the closure: the test runs millions of times per change.
 */
export function keeper(index: EventIndex, selection: Selection): (i: number) => boolean {
	const { lever, status } = index;
	const levers = selection.levers ?? ALL;
	const statuses = selection.statuses ?? ALL;
	const actors = selection.actors;
	const text = selection.text;
	const anyLever = levers === ALL;
	const anyStatus = statuses === ALL;
	return (i) =>
		(anyLever || levers[lever[i]!] === 1) &&
		(anyStatus || statuses[status[i]!] === 1) &&
		(actors === undefined || actors[i] === 1) &&
		(text === undefined || text[i] === 1);
}

const ALL = new Uint8Array(0);

/**
 * Whether the event at position `i` passes every clause, its time range included: it overlaps
 * the range, as the time filter has it in SQL.
 */
export function passer(index: EventIndex, selection: Selection): (i: number) => boolean {
	const keeps = keeper(index, selection);
	const { start, end } = index;
	const { from, to } = selection;
	return (i) => end[i]! >= from && start[i]! <= to && keeps(i);
}

/** First k in 0…count where `before(k)` is false; it must hold for a prefix and no further. */
export function partitionPoint(count: number, before: (k: number) => boolean): number {
	let [lo, hi] = [0, count];
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (before(mid)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** First index of ascending `values` holding at least `value`. */
export const lowerBound = (values: Int32Array, value: number): number =>
	partitionPoint(values.length, (k) => values[k]! < value);

/**
 * The positions a pass over `first`…`last` visits: the selection's candidates in that run, or
 * the whole run. The k-th is `list[from + k]`, or `from + k` without a list.
 */
export function visiting(
	selection: Selection,
	first: number,
	last: number
): { list: Int32Array | undefined; from: number; count: number } {
	const list = selection.candidates?.();
	if (!list) return { list, from: first, count: last - first };
	const from = lowerBound(list, first);
	return { list, from, count: lowerBound(list, last) - from };
}

/**
 * The run of positions that can overlap the time range: events start in order, and none
 * lasts longer than the longest span, so nothing before or after the run can.
 */
export function rangePositions(index: EventIndex, selection: Selection): [number, number] {
	const first = Number.isFinite(selection.from)
		? lowerBound(index.start, selection.from - index.longestSpan)
		: 0;
	const last = Number.isFinite(selection.to)
		? lowerBound(index.start, selection.to + 1)
		: index.size;
	return [first, last];
}
