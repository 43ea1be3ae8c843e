import type { BinScale, TimelineBins } from '$lib/db/queries/timeline-bins';
import type { EventIndex } from './event-index';
import { dayNumber, keeper, visiting, type Selection } from './selection';
import { pageOf, type Page } from './table-page';
import type { LaneSplit } from './range-totals';

/** Events the timeline covers: every clause but the time range (timeline-bins.ts's total). */
export function contextTotal(index: EventIndex, selection: Selection): number {
	const keeps = keeper(index, selection);
	const { list, from, count } = visiting(selection, 0, index.size);
	let total = 0;
	for (let k = 0; k < count; k++) if (keeps(list ? list[from + k]! : from + k)) total += 1;
	return total;
}

/**
 * The first `limit` events the timeline covers, in date order: the ones it draws one by one
 * when there are few enough, fetched by ord (the index's own order is the timeline's).
 */
export function contextPage(index: EventIndex, selection: Selection, limit: number): Page {
	const keeps = keeper(index, selection);
	const { list, from, count } = visiting(selection, 0, index.size);
	return pageOf(index, limit, count, (k) => {
		const i = list ? list[from + k]! : from + k;
		return keeps(i) ? i : -1;
	});
}

/**
 * The timeline's lanes and their counts per bin over its context, as timeline-bins.ts
 * computes them: lever lanes in code order (SQL order, no lever last), or the `actorLanes`
 * busiest actors (ties by name, then id) with the number of the others. The in-range counts
 * come later, from the brush's pass (summarise.ts), through the returned split.
 */
export function contextBins(
	index: EventIndex,
	selection: Selection,
	scale: BinScale,
	by: 'lever' | 'actor',
	actorLanes: number
): { split: LaneSplit; keys: (string | null)[]; events: Int32Array[]; hidden: number } {
	const origin = dayNumber(scale.origin);
	const binOf = (i: number) => Math.floor((index.start[i]! - origin) / scale.days);
	const codes = by === 'lever' ? index.levers.length : index.actors.id.length;
	const perCode = new Int32Array(codes);
	const keeps = keeper(index, selection);
	const { list, from, count } = visiting(selection, 0, index.size);
	const each = (visit: (i: number) => void) => {
		for (let k = 0; k < count; k++) {
			const i = list ? list[from + k]! : from + k;
			if (keeps(i)) visit(i);
		}
	};
	each((i) => {
		if (by === 'lever') perCode[index.lever[i]!]! += 1;
		else
			for (let p = index.taking[i]!; p < index.taking[i + 1]!; p++) perCode[index.actor[p]!]! += 1;
	});
	const present = Array.from({ length: codes }, (_, code) => code).filter(
		(code) => perCode[code]! > 0
	);
	const laneCodes =
		by === 'lever'
			? present
			: present
					.sort(
						(a, b) =>
							perCode[b]! - perCode[a]! || index.actors.nameRank[a]! - index.actors.nameRank[b]!
					)
					.slice(0, actorLanes);
	const laneOf = new Int32Array(codes).fill(-1);
	laneCodes.forEach((code, lane) => (laneOf[code] = lane));
	const events = laneCodes.map(() => new Int32Array(scale.count));
	each((i) => {
		const bin = binOf(i);
		if (by === 'lever') events[laneOf[index.lever[i]!]!]![bin]! += 1;
		else {
			for (let p = index.taking[i]!; p < index.taking[i + 1]!; p++) {
				const lane = laneOf[index.actor[p]!]!;
				if (lane >= 0) events[lane]![bin]! += 1;
			}
		}
	});
	return {
		split: { by, laneOf, lanes: laneCodes.length, origin, days: scale.days, bins: scale.count },
		keys: laneCodes.map((code) => (by === 'lever' ? index.levers[code]! : index.actors.id[code]!)),
		events,
		hidden: by === 'actor' ? Math.max(0, present.length - actorLanes) : 0
	};
}

/** The timeline's bins: context counts with the brush's in-range counts. */
export function binsOf(
	context: ReturnType<typeof contextBins>,
	inRange: Int32Array[],
	scale: BinScale,
	total: number
): TimelineBins {
	return {
		scale,
		by: context.split.by,
		total,
		lanes: context.keys.map((key, lane) => ({
			key,
			events: context.events[lane]!,
			inRange: inRange[lane]!
		})),
		hidden: context.hidden
	};
}
