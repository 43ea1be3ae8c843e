import { pathRound } from 'd3';
import { binDays, type BinScale, type TimelineBins } from '$lib/db/queries/timeline-bins';
import { leverColour, leverLabel, leverRank } from '$lib/model/levers';

/** A lane of the binned timeline: its counts per bin and how it is labelled and coloured. */
export interface BinLane {
	key: string;
	label: string;
	colour: string;
	events: Int32Array;
	inRange: Int32Array;
	/** Events in the lane, all and inside the time range. */
	total: number;
	totalInRange: number;
}

/** Actor lanes have no lever of their own: one neutral colour for all of them. */
export const ACTOR_LANE_COLOUR = '#5b6b7a';

const sum = (counts: Int32Array) => counts.reduce((total, count) => total + count, 0);

/**
 * Labels and colours for the lanes of a binned timeline, ordered as for events (lanes.ts):
 * levers in taxonomy order with events without a lever last, actors as the query ranked them.
 */
export function binLanes(bins: TimelineBins, names: ReadonlyMap<string, string>): BinLane[] {
	const { by } = bins;
	const lanes = bins.lanes.map((lane): BinLane => {
		const key = lane.key ?? '';
		return {
			key,
			label: by === 'actor' ? (names.get(key) ?? key) : key ? leverLabel(key) : 'No lever',
			colour: by === 'actor' ? ACTOR_LANE_COLOUR : leverColour(key),
			events: lane.events,
			inRange: lane.inRange,
			total: sum(lane.events),
			totalInRange: sum(lane.inRange)
		};
	});
	if (by === 'actor') return lanes;
	const rank = (key: string) => (key ? leverRank(key) : Infinity);
	return lanes.sort((a, b) => rank(a.key) - rank(b.key));
}

/**
 * A lane's counts as one step-shaped area standing on `base`: at each bin's left edge (`xs`,
 * one more than the bins) it rises or falls to the bin's height (`top` of its count) and runs
 * flat to the next. It spans the lane's first events to the end of its last, and is empty when
 * there are none: elsewhere it would lie flat on its base and show nothing.
 *
 * A point only where the height changes, and one straight base line back: d3's area with a step
 * curve drew four points per bin, the base back edge by edge among them: 32,000 points per
 * filter change for a thousand bins in eight lanes, twice that with a time range, the
 * timeline's largest cost in building strings and in the garbage they leave.
 */
export function stepArea(
	xs: ArrayLike<number>,
	counts: Int32Array,
	base: number,
	top: (count: number) => number
): string {
	const first = counts.findIndex((count) => count > 0);
	if (first < 0) return '';
	const last = counts.findLastIndex((count) => count > 0);
	// A tenth of a pixel: a thousand bins across a chart are often narrower than one.
	const path = pathRound(1);
	path.moveTo(xs[first]!, base);
	let y = base;
	for (let i = first; i <= last; i++) {
		const next = top(counts[i]!);
		if (next === y) continue;
		if (i > first) path.lineTo(xs[i]!, y);
		path.lineTo(xs[i]!, next);
		y = next;
	}
	path.lineTo(xs[last + 1]!, y);
	path.lineTo(xs[last + 1]!, base);
	path.closePath();
	return path.toString();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3–9 Mar 2023", "28 Feb – 6 Mar 2023", "29 Dec 2023 – 4 Jan 2024" or "3 Mar 2023". */
export function binPeriod(scale: BinScale, index: number): string {
	const { first, last } = binDays(scale, index);
	const [y0, m0, d0] = first.split('-').map(Number) as [number, number, number];
	const [y1, m1, d1] = last.split('-').map(Number) as [number, number, number];
	const end = `${d1} ${MONTHS[m1 - 1]} ${y1}`;
	if (first === last) return end;
	if (y0 !== y1) return `${d0} ${MONTHS[m0 - 1]} ${y0} – ${end}`;
	if (m0 !== m1) return `${d0} ${MONTHS[m0 - 1]} – ${end}`;
	return `${d0}–${end}`;
}
