import type { EventCodes, EventIndex } from './event-index';
import type { Selection } from './selection';

/**
 * The whole dataset's totals per (lever, status) cell, summed once when the index is built
 * (Falcon's cube, over the two clauses a person flips most): events, events per actor and
 * role, per link and status, per first day. A change of levers or statuses over the whole time
 * range then adds up a few dozen cells instead of counting up to millions of events again.
 * Cell `c` is `lever * statuses + status`.
 */
export interface CellTotals {
	statuses: number;
	actorCount: number;
	/** Counters an event touches when counted: itself, its actors and its links, on average. */
	perEvent: number;
	/** Events per cell. */
	events: Int32Array;
	/** Per cell and actor (`cell * actorCount + actor`): events, as actor, as target. */
	actorEvents: Int32Array;
	asActor: Int32Array;
	asTarget: Int32Array;
	/** Per cell and first day (`cell * days + start - firstDay`): events. */
	firstDay: number;
	days: number;
	dayEvents: Int32Array;
	/** Per link, its statuses and their events: `[linkOffsets[l], linkOffsets[l + 1])`. */
	linkOffsets: Int32Array;
	linkStatus: EventCodes;
	linkEvents: Int32Array;
}

/**
 * Cells × (actors × 3 + days) entries at most (16 MB): a few dozen levers and statuses over
 * thousands of actors and decades fit. Hundreds of free-text levers, or a century of days, do
 * not, and their changes count events as before. The links' entries come on top, at most one
 * per link and status: with the rest, 15 MB at 3M synthetic events.
 */
export const CELL_BUDGET = 4_000_000;

/** What the cells are built from: the index's columns but the cells themselves. */
export type CellSource = Pick<
	EventIndex,
	| 'size'
	| 'start'
	| 'lever'
	| 'status'
	| 'levers'
	| 'statuses'
	| 'taking'
	| 'actor'
	| 'role'
	| 'linking'
	| 'link'
	| 'linkSource'
	| 'actors'
>;

/** The cells of `index`, or undefined when they would pass `budget` entries. */
export function cellTotals(index: CellSource, budget = CELL_BUDGET): CellTotals | undefined {
	const { size, start, lever, status, taking, actor, role } = index;
	const statuses = Math.max(1, index.statuses.length);
	const cells = Math.max(1, index.levers.length) * statuses;
	const actorCount = index.actors.id.length;
	const firstDay = size > 0 ? start[0]! : 0;
	const days = size > 0 ? start[size - 1]! - firstDay + 1 : 0;
	if (cells * (3 * actorCount + days) > budget) return undefined;

	const events = new Int32Array(cells);
	const actorEvents = new Int32Array(cells * actorCount);
	const asActor = new Int32Array(cells * actorCount);
	const asTarget = new Int32Array(cells * actorCount);
	const dayEvents = new Int32Array(cells * days);
	for (let i = 0; i < size; i++) {
		const cell = lever[i]! * statuses + status[i]!;
		events[cell]! += 1;
		dayEvents[cell * days + start[i]! - firstDay]! += 1;
		for (let p = taking[i]!, stop = taking[i + 1]!; p < stop; p++) {
			const at = cell * actorCount + actor[p]!;
			actorEvents[at]! += 1;
			if (role[p]! & 1) asActor[at]! += 1;
			if (role[p]! & 2) asTarget[at]! += 1;
		}
	}
	return {
		statuses,
		actorCount,
		perEvent: size > 0 ? 1 + (actor.length + index.link.length) / size : 1,
		events,
		actorEvents,
		asActor,
		asTarget,
		firstDay,
		days,
		dayEvents,
		...linkStatuses(index, statuses)
	};
}

/** Each link's events per status, for the statuses it has: grouped by link, then counted. */
function linkStatuses({ size, status, linking, link, linkSource }: CellSource, statuses: number) {
	const links = linkSource.length;
	const occurrences = new Int32Array(links + 1);
	for (let slot = 0; slot < link.length; slot++) occurrences[link[slot]! + 1]! += 1;
	for (let l = 0; l < links; l++) occurrences[l + 1]! += occurrences[l]!;
	const cursor = occurrences.slice(0, links);
	const statusOf = new Int32Array(link.length);
	for (let i = 0; i < size; i++) {
		for (let slot = linking[i]!, stop = linking[i + 1]!; slot < stop; slot++) {
			statusOf[cursor[link[slot]!]!++] = status[i]!;
		}
	}
	const linkOffsets = new Int32Array(links + 1);
	const found = new Int32Array(link.length);
	const counts = new Int32Array(link.length);
	const perStatus = new Int32Array(statuses);
	let entries = 0;
	for (let l = 0; l < links; l++) {
		for (let k = occurrences[l]!; k < occurrences[l + 1]!; k++) perStatus[statusOf[k]!]! += 1;
		for (let k = occurrences[l]!; k < occurrences[l + 1]!; k++) {
			const s = statusOf[k]!;
			if (perStatus[s] === 0) continue;
			found[entries] = s;
			counts[entries++] = perStatus[s]!;
			perStatus[s] = 0;
		}
		linkOffsets[l + 1] = entries;
	}
	const linkStatus = found.subarray(0, entries);
	return {
		linkOffsets,
		linkStatus: statuses <= 256 ? Uint8Array.from(linkStatus) : linkStatus.slice(),
		linkEvents: counts.slice(0, entries)
	};
}

/**
 * Adds a cell's events per first day to `bins` of `binDays` days from day `origin`: the
 * timeline's bins, as counting would put each event in the bin of its first day.
 */
export function addCellDays(
	cells: CellTotals,
	cell: number,
	bins: Int32Array,
	origin: number,
	binDays: number
) {
	const { firstDay, days, dayEvents } = cells;
	for (let d = 0, at = cell * days; d < days; d++) {
		const count = dayEvents[at + d]!;
		if (count > 0) bins[Math.floor((firstDay + d - origin) / binDays)]! += count;
	}
}

/**
 * Counting an event adds to counters scattered over megabytes, several times the cost of
 * adding a cell's entry in order: at 3M events one lever took 57 ms counted, 6 ms from cells.
 */
const COUNTED_EVENT_COST = 4;

/**
 * The cells a selection keeps, when they can answer it and cost less than counting: its
 * clauses are levers and statuses only (an actor or a text clause cuts across cells), and the
 * kept cells' actors and days, with a pass over the links, are less work than their events. A
 * few events over a long span of days are cheaper counted.
 */
export function keptCells(
	cells: CellTotals | undefined,
	selection: Selection
): { cells: CellTotals; kept: number[] } | undefined {
	if (!cells || selection.actors || selection.text) return undefined;
	const { levers, statuses } = selection;
	const kept: number[] = [];
	for (let cell = 0; cell < cells.events.length; cell++) {
		const lever = Math.floor(cell / cells.statuses);
		if (levers && levers[lever] !== 1) continue;
		if (statuses && statuses[cell % cells.statuses] !== 1) continue;
		if (cells.events[cell]! > 0) kept.push(cell);
	}
	const reading = kept.length * (3 * cells.actorCount + cells.days) + cells.linkOffsets.length - 1;
	const counting = cellEvents(cells, kept) * cells.perEvent * COUNTED_EVENT_COST;
	return reading <= counting ? { cells, kept } : undefined;
}

/** Events in `kept` cells. */
export function cellEvents(cells: CellTotals, kept: number[]): number {
	let total = 0;
	for (const cell of kept) total += cells.events[cell]!;
	return total;
}
