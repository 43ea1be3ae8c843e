import { addCellDays, keptCells, type CellTotals } from './cell-totals';
import type { EventIndex } from './event-index';
import {
	keeper,
	lowerBound,
	partitionPoint,
	passer,
	rangePositions,
	visiting,
	type Selection
} from './selection';

/** How the timeline's bins split events: which lane each lever or actor code counts in. */
export interface LaneSplit {
	by: 'lever' | 'actor';
	/** Lane per lever code (by lever) or per actor code (by actor), -1 for none. */
	laneOf: Int32Array;
	lanes: number;
	/** Day number of bin 0's first day, and days per bin. */
	origin: number;
	days: number;
	bins: number;
}

/** Positions a pass visits (selection.ts's `visiting`). */
type Visit = ReturnType<typeof visiting>;

/** What moving a range passes over: a run of positions by first day, and one of `byEnd`. */
interface Edges {
	starts: Visit;
	ends: readonly [number, number];
}

/**
 * Totals of the events that pass a selection's clauses and overlap its time range: events per
 * actor and role, per link and per timeline bin. Moving the range adds the events it takes in
 * and subtracts those it leaves (crossfilter's incremental reduce), so a brush step costs the
 * events at the range's edges, not every event inside it.
 *
 * One per index, reused from selection to selection: at millions of events the counters are
 * megabytes, and allocating them per change made the garbage collector pause for hundreds of
 * milliseconds every few brush steps.
 */
export class RangeTotals {
	readonly events: Int32Array;
	readonly asActor: Int32Array;
	readonly asTarget: Int32Array;
	readonly linkEvents: Int32Array;
	/** Room for every link id, for summarise.ts to gather the links it draws from. */
	readonly linkScratch: Int32Array;
	/** Per lane, events per bin (with a split). */
	inRange: Int32Array[] = [];
	/** Events counted, and actors taking part in any. */
	shown = 0;
	actors = 0;
	/** What is counted: the clauses' key, the split and the range; no key until counted whole. */
	#clausesKey: string | undefined;
	#split: LaneSplit | undefined;
	#from = 0;
	#to = 0;

	constructor(readonly index: EventIndex) {
		const actorCount = index.actors.id.length;
		this.events = new Int32Array(actorCount);
		this.asActor = new Int32Array(actorCount);
		this.asTarget = new Int32Array(actorCount);
		this.linkEvents = new Int32Array(index.linkSource.length);
		this.linkScratch = new Int32Array(index.linkSource.length);
	}

	/**
	 * Totals for `selection`. `clausesKey` names its clauses but the time range: while it and
	 * the split stay the same, the totals move from the last range by its edges, unless the
	 * edges hold more events than the range itself. Levers and statuses over the whole range
	 * are read from the index's cells instead, when it has them and they cost less.
	 */
	update(clausesKey: string, selection: Selection, split?: LaneSplit): void {
		const same = clausesKey === this.#clausesKey && split === this.#split;
		// Until this update is whole, a throw must not leave half-moved totals to move again.
		this.#clausesKey = undefined;
		const whole = selection.from === -Infinity && selection.to === Infinity;
		const fromCells =
			whole && split?.by !== 'actor' ? keptCells(this.index.cells, selection) : undefined;
		if (fromCells) {
			this.#addCells(selection, fromCells.cells, fromCells.kept, split);
		} else {
			const [first, last] = rangePositions(this.index, selection);
			const inside = visiting(selection, first, last);
			const edges = same ? this.#edges(selection) : undefined;
			// The edges' end run is not narrowed to the candidates, so with a narrowing clause this
			// mostly counts afresh: over those few candidates, that is as cheap.
			if (edges && edges.starts.count + edges.ends[1] - edges.ends[0] < inside.count) {
				this.#move(selection, edges);
			} else {
				this.#recount(selection, split, inside);
			}
		}
		this.#clausesKey = clausesKey;
		this.#split = split;
		this.#from = selection.from;
		this.#to = selection.to;
	}

	/** Runs of events the move from the counted range to `selection`'s passes over. */
	#edges(selection: Selection): Edges {
		const { start, end, byEnd } = this.index;
		const [oldFrom, oldTo] = [this.#from, this.#to];
		const { from, to } = selection;
		// Events starting after one end of the range and up to the other.
		const starts = visiting(
			selection,
			lowerBound(start, Math.min(oldTo, to) + 1),
			lowerBound(start, Math.max(oldTo, to) + 1)
		);
		// Events ending from one start of the range until the other.
		const endsAt = (day: number) => partitionPoint(byEnd.length, (k) => end[byEnd[k]!]! < day);
		const ends = [endsAt(Math.min(oldFrom, from)), endsAt(Math.max(oldFrom, from))] as const;
		return { starts, ends };
	}

	/**
	 * Moves the range's end first, with its start as it was, then its start, with its new end:
	 * each step changes one bound, so whether an event enters or leaves is one comparison.
	 */
	#move(selection: Selection, { starts, ends }: Edges) {
		const { start, end, byEnd } = this.index;
		const keeps = keeper(this.index, selection);
		const oldFrom = this.#from;
		const grows = selection.to > this.#to ? 1 : -1;
		this.#addAll(starts, (i) => end[i]! >= oldFrom && keeps(i), grows);
		const reaches = selection.from < oldFrom ? 1 : -1;
		const leaving = { list: byEnd, from: ends[0], count: ends[1] - ends[0] };
		this.#addAll(leaving, (i) => start[i]! <= selection.to && keeps(i), reaches);
	}

	#recount(selection: Selection, split: LaneSplit | undefined, inside: Visit) {
		this.#clear(split);
		this.#addAll(inside, passer(this.index, selection), 1);
	}

	#clear(split: LaneSplit | undefined) {
		this.events.fill(0);
		this.asActor.fill(0);
		this.asTarget.fill(0);
		this.linkEvents.fill(0);
		this.shown = this.actors = 0;
		this.#split = split;
		this.inRange = split
			? Array.from({ length: split.lanes }, () => new Int32Array(split.bins))
			: [];
	}

	/**
	 * The totals of the whole time range from the index's cells (cell-totals.ts): the `kept`
	 * cells' actors and days, and each link's events in the kept statuses. Without a lane
	 * split by actor, which the cells do not hold.
	 */
	#addCells(selection: Selection, cells: CellTotals, kept: number[], split: LaneSplit | undefined) {
		this.#clear(split);
		const { actorCount, statuses, actorEvents } = cells;
		const { events, asActor, asTarget, linkEvents, inRange } = this;
		const laneOf = split?.laneOf;
		const origin = split?.origin ?? 0;
		const binDays = split?.days ?? 1;
		let shown = 0;
		for (const cell of kept) {
			shown += cells.events[cell]!;
			const at = cell * actorCount;
			for (let a = 0; a < actorCount; a++) {
				events[a]! += actorEvents[at + a]!;
				asActor[a]! += cells.asActor[at + a]!;
				asTarget[a]! += cells.asTarget[at + a]!;
			}
			const lane = laneOf ? laneOf[Math.floor(cell / statuses)]! : -1;
			if (lane < 0) continue;
			addCellDays(cells, cell, inRange[lane]!, origin, binDays);
		}
		let actors = 0;
		for (let a = 0; a < actorCount; a++) if (events[a]! > 0) actors += 1;
		// Plain loop with locals: it visits every link, a million at three million events.
		const { linkLever } = this.index;
		const { linkOffsets, linkStatus, linkEvents: perStatus } = cells;
		const levers = selection.levers;
		const kinds = selection.statuses;
		for (let l = 0, links = linkEvents.length; l < links; l++) {
			if (levers && levers[linkLever[l]!] !== 1) continue;
			let count = 0;
			const stop = linkOffsets[l + 1]!;
			if (kinds) {
				for (let k = linkOffsets[l]!; k < stop; k++) {
					if (kinds[linkStatus[k]!] === 1) count += perStatus[k]!;
				}
			} else {
				for (let k = linkOffsets[l]!; k < stop; k++) count += perStatus[k]!;
			}
			linkEvents[l] = count;
		}
		this.shown = shown;
		this.actors = actors;
	}

	/**
	 * Counts the events `visit` takes that `counts` accepts in (`sign` 1) or out (-1). One loop
	 * with its arrays and sums held locally: a filter change at millions of events counts a
	 * million of them. A link's counter may lie anywhere in megabytes of counters, so each link
	 * is a far read: counting its actor pair here too (two more) made a brush step's pass at
	 * three million events twice as slow, so summarise.ts counts the pairs from these counts.
	 */
	#addAll(visit: Visit, counts: (i: number) => boolean, sign: number) {
		const { taking, actor, role, linking, link, start, lever } = this.index;
		const { events, asActor, asTarget, linkEvents, inRange } = this;
		const split = this.#split;
		const laneOfLever = split?.by === 'lever' ? split.laneOf : undefined;
		const laneOfActor = split?.by === 'actor' ? split.laneOf : undefined;
		const origin = split?.origin ?? 0;
		const days = split?.days ?? 1;
		let { shown, actors } = this;
		const { list, from, count } = visit;
		for (let k = 0; k < count; k++) {
			const i = list ? list[from + k]! : from + k;
			if (!counts(i)) continue;
			shown += sign;
			const bin = Math.floor((start[i]! - origin) / days);
			if (laneOfLever) {
				const lane = laneOfLever[lever[i]!]!;
				if (lane >= 0) inRange[lane]![bin]! += sign;
			}
			for (let p = taking[i]!, stop = taking[i + 1]!; p < stop; p++) {
				const a = actor[p]!;
				const before = events[a]!;
				events[a] = before + sign;
				if (before === 0) actors += 1;
				else if (before + sign === 0) actors -= 1;
				if (role[p]! & 1) asActor[a]! += sign;
				if (role[p]! & 2) asTarget[a]! += sign;
				if (laneOfActor) {
					const lane = laneOfActor[a]!;
					if (lane >= 0) inRange[lane]![bin]! += sign;
				}
			}
			for (let l = linking[i]!, stop = linking[i + 1]!; l < stop; l++) {
				linkEvents[link[l]!]! += sign;
			}
		}
		this.shown = shown;
		this.actors = actors;
	}
}
