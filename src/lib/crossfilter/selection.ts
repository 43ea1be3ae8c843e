import { parseCalendarDate } from '$lib/model/dates';
import type { Filter } from '$lib/state/filter';
import type { EventIndex } from './event-index';

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
}

const DAY_MS = 86_400_000;

export function dayNumber(day: string): number {
	return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

export function isoDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function allowed(values: (string | null)[], chosen: string[]): Uint8Array | undefined {
	if (chosen.length === 0) return undefined;
	const set = new Set(chosen);
	return Uint8Array.from(values, (value) => (value !== null && set.has(value) ? 1 : 0));
}

/** Positions of the events any of `ids` takes part in, as actor or target. */
export function actorMask(index: EventIndex, ids: string[]): Uint8Array {
	const chosen = new Uint8Array(index.actors.id.length);
	for (const id of ids) {
		const code = index.actors.code.get(id);
		if (code !== undefined) chosen[code] = 1;
	}
	const mask = new Uint8Array(index.size);
	for (let i = 0; i < index.size; i++) {
		for (let p = index.taking[i]!; p < index.taking[i + 1]!; p++) {
			if (chosen[index.actor[p]!]) {
				mask[i] = 1;
				break;
			}
		}
	}
	return mask;
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

/**
 * Resolves `filter`; the actor and text masks are made by the caller, which can keep them
 * while the other clauses change.
 */
export function select(
	index: EventIndex,
	filter: Filter,
	masks: { actors?: Uint8Array; text?: Uint8Array } = {}
): Selection {
	const from = filter.from === undefined ? undefined : parseCalendarDate(filter.from)?.first;
	const to = filter.to === undefined ? undefined : parseCalendarDate(filter.to)?.last;
	return {
		from: from === undefined ? -Infinity : dayNumber(from),
		to: to === undefined ? Infinity : dayNumber(to),
		levers: allowed(index.levers, filter.levers),
		statuses: allowed(index.statuses, filter.status),
		actors: filter.actors.length > 0 ? masks.actors : undefined,
		text: masks.text
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

/** First position whose first day is at least `day`. */
function lowerBound(start: Int32Array, day: number): number {
	let [lo, hi] = [0, start.length];
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (start[mid]! < day) lo = mid + 1;
		else hi = mid;
	}
	return lo;
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
