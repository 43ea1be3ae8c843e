import type { BinScale, TimelineBins } from '$lib/db/queries/timeline-bins';
import { addCellDays, cellEvents, keptCells } from './cell-totals';
import type { EventIndex } from './event-index';
import { dayNumber, keeper, visiting, type Selection } from './selection';
import { pageOf, type Page } from './table-page';
import type { LaneSplit } from './range-totals';

/** Events the timeline covers: every clause but the time range (timeline-bins.ts's total). */
export function contextTotal(index: EventIndex, selection: Selection): number {
	const fromCells = keptCells(index.cells, selection);
	if (fromCells) return cellEvents(fromCells.cells, fromCells.kept);
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
	const { days } = scale;
	const { start, lever, taking, actor } = index;
	const keeps = keeper(index, selection);
	const fromCells = by === 'lever' ? keptCells(index.cells, selection) : undefined;
	// Only a pass over the events needs them visited: visiting may first collect the candidates.
	const { list, from, count } = fromCells
		? { list: undefined, from: 0, count: 0 }
		: visiting(selection, 0, index.size);
	// Plain loops, not a visitor per event: these passes take every event of the context.
	let laneCodes: number[];
	let events: Int32Array[];
	let hidden = 0;
	const codes = by === 'lever' ? index.levers.length : index.actors.id.length;
	const laneOf = new Int32Array(codes).fill(-1);
	if (by === 'lever') {
		// Every lever's bins in one pass, made for the levers met: those are the lanes.
		const perLever: (Int32Array | undefined)[] = new Array(codes);
		if (fromCells) {
			const { cells, kept } = fromCells;
			for (const cell of kept) {
				const bins = (perLever[Math.floor(cell / cells.statuses)] ??= new Int32Array(scale.count));
				addCellDays(cells, cell, bins, origin, days);
			}
		} else {
			for (let k = 0; k < count; k++) {
				const i = list ? list[from + k]! : from + k;
				if (!keeps(i)) continue;
				const bins = (perLever[lever[i]!] ??= new Int32Array(scale.count));
				bins[Math.floor((start[i]! - origin) / days)]! += 1;
			}
		}
		laneCodes = Array.from({ length: codes }, (_, code) => code).filter((code) => perLever[code]);
		events = laneCodes.map((code) => perLever[code]!);
		laneCodes.forEach((code, lane) => (laneOf[code] = lane));
	} else {
		const perActor = new Int32Array(codes);
		for (let k = 0; k < count; k++) {
			const i = list ? list[from + k]! : from + k;
			if (keeps(i)) for (let p = taking[i]!; p < taking[i + 1]!; p++) perActor[actor[p]!]! += 1;
		}
		const present = Array.from({ length: codes }, (_, code) => code).filter(
			(code) => perActor[code]! > 0
		);
		laneCodes = present
			.sort(
				(a, b) =>
					perActor[b]! - perActor[a]! || index.actors.nameRank[a]! - index.actors.nameRank[b]!
			)
			.slice(0, actorLanes);
		hidden = Math.max(0, present.length - actorLanes);
		laneCodes.forEach((code, lane) => (laneOf[code] = lane));
		events = laneCodes.map(() => new Int32Array(scale.count));
		for (let k = 0; k < count; k++) {
			const i = list ? list[from + k]! : from + k;
			if (!keeps(i)) continue;
			const bin = Math.floor((start[i]! - origin) / days);
			for (let p = taking[i]!; p < taking[i + 1]!; p++) {
				const lane = laneOf[actor[p]!]!;
				if (lane >= 0) events[lane]![bin]! += 1;
			}
		}
	}
	return {
		split: { by, laneOf, lanes: laneCodes.length, origin, days, bins: scale.count },
		keys: laneCodes.map((code) => (by === 'lever' ? index.levers[code]! : index.actors.id[code]!)),
		events,
		hidden
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
