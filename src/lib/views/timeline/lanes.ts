import type { TimelineEventRow } from '$lib/db/queries/timeline';
import { leverLabel, leverRank } from '$lib/model/levers';

export interface Lane {
	key: string;
	label: string;
	events: TimelineEventRow[];
}

/** Most lanes shown when lanes are actors; the rest are summed up in a note. */
export const MAX_ACTOR_LANES = 30;

/** One lane per lever type, in taxonomy order; events without a lever go last. */
export function laneByLever(rows: TimelineEventRow[]): Lane[] {
	const lanes = new Map<string, Lane>();
	for (const row of rows) {
		const key = row.lever ?? '';
		let lane = lanes.get(key);
		if (!lane) {
			lane = { key, label: key ? leverLabel(key) : 'No lever', events: [] };
			lanes.set(key, lane);
		}
		lane.events.push(row);
	}
	return [...lanes.values()].sort(
		(a, b) => (a.key ? leverRank(a.key) : Infinity) - (b.key ? leverRank(b.key) : Infinity)
	);
}

/**
 * One lane per actor taking part (as actor or target), busiest first; an event appears in the
 * lane of each of its actors.
 */
export function laneByActor(
	rows: TimelineEventRow[],
	names: ReadonlyMap<string, string>,
	max = MAX_ACTOR_LANES
): { lanes: Lane[]; hidden: number } {
	const lanes = new Map<string, Lane>();
	for (const row of rows) {
		for (const id of new Set([...row.actors, ...row.targets])) {
			let lane = lanes.get(id);
			if (!lane) {
				lane = { key: id, label: names.get(id) ?? id, events: [] };
				lanes.set(id, lane);
			}
			lane.events.push(row);
		}
	}
	const sorted = [...lanes.values()].sort(
		(a, b) => b.events.length - a.events.length || a.label.localeCompare(b.label)
	);
	return { lanes: sorted.slice(0, max), hidden: Math.max(0, sorted.length - max) };
}

/**
 * Stacks marks that would overlap into rows: each event goes to the first row whose last mark
 * ends left of its start (in pixels, with a gap). Returns the row of each event, in order.
 */
export function packRows(
	extents: { x0: number; x1: number }[],
	gap = 3,
	maxRows = 12
): { rows: number[]; count: number } {
	const ends: number[] = [];
	const rows = extents.map(({ x0, x1 }) => {
		let row = ends.findIndex((end) => end + gap <= x0);
		if (row === -1) row = ends.length < maxRows ? ends.length : ends.indexOf(Math.min(...ends));
		ends[row] = Math.max(ends[row] ?? -Infinity, x1);
		return row;
	});
	return { rows, count: Math.max(1, ends.length) };
}
