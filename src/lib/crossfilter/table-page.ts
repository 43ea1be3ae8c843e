import type { EventIndex } from './event-index';
import { isoDay, passer, rangePositions, visiting, type Selection } from './selection';

/**
 * Positions by date, latest first, ties in file order: the table's date sort descending,
 * which is not the ascending order reversed (ties stay in file order both ways).
 */
export function latestFirst(index: EventIndex): Int32Array {
	const order = new Int32Array(index.size);
	let slot = 0;
	let last = index.size - 1;
	while (last >= 0) {
		let first = last;
		while (first > 0 && index.start[first - 1] === index.start[last]) first -= 1;
		for (let i = first; i <= last; i++) order[slot++] = i;
		last = first - 1;
	}
	return order;
}

/** The table's page: events by ord, and the first and last of their first days. */
export interface Page {
	ords: number[];
	days: { first: string; last: string };
}

/**
 * The first `limit` events passing `selection` in `order` (positions; absent for the index's
 * own order, date ascending): the table's page, found by walking the order instead of sorting.
 * It needs no pass over every event, so the database can fetch the page while that pass runs.
 */
export function tablePage(
	index: EventIndex,
	selection: Selection,
	limit: number,
	order?: Int32Array
): Page {
	if (!order) return firstPassing(index, selection, limit);
	const passes = passer(index, selection);
	return pageOf(index, limit, order.length, (k) => (passes(order[k]!) ? order[k]! : -1));
}

/**
 * Positions walked one by one before a page falls back on the selection's candidates: a
 * fraction of a millisecond, which fills the table's 500 rows from a clause holding about one
 * event in a hundred, spread over the time range. The zoomed timeline's thousands of events
 * mostly come from the candidates.
 */
const WALK = 50_000;

/**
 * The first `limit` events passing `selection`, in date order, visiting only the run of
 * positions that can overlap its time range: the table's page by date, and the events of the
 * period the timeline is zoomed in to. The run's first `walkFirst` positions are walked
 * first: a clause that is not selective fills the page there, without the candidates made.
 */
export function firstPassing(
	index: EventIndex,
	selection: Selection,
	limit: number,
	walkFirst = WALK
): Page {
	const passes = passer(index, selection);
	const [first, last] = rangePositions(index, selection);
	const walk = Math.min(walkFirst, last - first);
	const walked = pageOf(index, limit, walk, (k) => (passes(first + k) ? first + k : -1));
	if (walked.ords.length === limit || walk === last - first) return walked;
	const { list, from, count } = visiting(selection, first, last);
	return pageOf(index, limit, count, (k) => {
		const i = list ? list[from + k]! : from + k;
		return passes(i) ? i : -1;
	});
}

/**
 * The first `limit` events of a walk over `count` steps, where `step(k)` gives the k-th
 * event's position, or -1 when that step yields none.
 */
export function pageOf(
	index: EventIndex,
	limit: number,
	count: number,
	step: (k: number) => number
): Page {
	const ords: number[] = [];
	let [first, last] = [Infinity, -Infinity];
	for (let k = 0; k < count && ords.length < limit; k++) {
		const i = step(k);
		if (i < 0) continue;
		ords.push(index.ord[i]!);
		first = Math.min(first, index.start[i]!);
		last = Math.max(last, index.start[i]!);
	}
	return ords.length === 0
		? { ords, days: { first: '', last: '' } }
		: { ords, days: { first: isoDay(first), last: isoDay(last) } };
}
