import type { Table } from 'apache-arrow';
import { int32, sliceColumn, type IndexColumns } from '$lib/db/queries/index-columns';
import { cellTotals, type CellTotals } from './cell-totals';

/** A column read in slices, in order: views into the database's results until the build joins them. */
export type Slices = readonly ArrayLike<number>[];

/**
 * The loaded dataset's columns (from IndexColumns' Arrow tables): what the index is built from,
 * and what crosses to the worker that builds it.
 */
export interface IndexInput {
	events: Record<'ord' | 'start' | 'end' | 'lever' | 'status', Slices>;
	levers: (string | null)[];
	statuses: (string | null)[];
	taking: Record<'ord' | 'actor' | 'role', Slices>;
	pairs: Record<'ord' | 'source' | 'target', Slices>;
	actors: ActorColumns;
	relations: { source: Int32Array; target: Int32Array; kind: (string | null)[] };
}

/** One entry per actor code. */
export interface ActorColumns {
	id: string[];
	name: string[];
	kind: (string | null)[];
	country: (string | null)[];
	/** Rank by display name, then id: the timeline's tie-break between equally busy actors. */
	nameRank: Int32Array;
}

/** Reads the index's input out of the database's Arrow tables. */
export function indexInput(columns: IndexColumns): IndexInput {
	const { events, taking, pairs, actors, relations } = columns;
	return {
		events: {
			ord: sliceColumn(events, 'ord'),
			start: sliceColumn(events, 'start'),
			end: sliceColumn(events, 'end'),
			lever: sliceColumn(events, 'lever'),
			status: sliceColumn(events, 'status')
		},
		levers: columns.levers,
		statuses: columns.statuses,
		taking: {
			ord: sliceColumn(taking, 'ord'),
			actor: sliceColumn(taking, 'actor'),
			role: sliceColumn(taking, 'role')
		},
		pairs: {
			ord: sliceColumn(pairs, 'ord'),
			source: sliceColumn(pairs, 'source'),
			target: sliceColumn(pairs, 'target')
		},
		actors: {
			id: texts(actors, 'id') as string[],
			name: texts(actors, 'name') as string[],
			kind: texts(actors, 'kind'),
			country: texts(actors, 'country'),
			nameRank: int32(actors, 'name_rank')
		},
		relations: {
			source: int32(relations, 'source'),
			target: int32(relations, 'target'),
			kind: texts(relations, 'kind')
		}
	};
}

/**
 * The loaded dataset held as typed arrays on the main thread, so that a filter or brush change
 * is a pass over arrays instead of a round of queries (Falcon's and crossfilter's approach).
 *
 * Events are numbered by position in (first day, file order): the order the table's date sort
 * and the brush both walk, so a time range is a contiguous run of positions. Actors are numbered
 * by code (load.ts's `actor_codes`, minus one), links by distinct (actor, target, lever).
 */
export interface EventIndex {
	size: number;
	/** Position → the event's `ord` in the database. */
	ord: Int32Array;
	/** First and last day of each event's span, as day numbers; `start` ascends. */
	start: Int32Array;
	end: Int32Array;
	/** The longest span in days: how far before a range an overlapping event can start. */
	longestSpan: number;
	/**
	 * Positions by last day, ascending (ties by position): the events a time range's start
	 * leaves or takes in as it moves are a run of these (range-totals.ts).
	 */
	byEnd: Int32Array;
	lever: EventCodes;
	status: EventCodes;
	levers: (string | null)[];
	statuses: (string | null)[];
	/** Actors taking part, per position: `actor[taking[i]…taking[i+1])`, with role bits. */
	taking: Int32Array;
	actor: Int32Array;
	/** 1: as actor, 2: as target. */
	role: Uint8Array;
	/**
	 * Links per position: `link[linking[i]…linking[i+1])`. Ids are in (actor, target, lever)
	 * order, so the links of an actor pair are a run of ids.
	 */
	linking: Int32Array;
	link: Int32Array;
	linkSource: Int32Array;
	linkTarget: Int32Array;
	linkLever: Int32Array;
	actors: ActorTable;
	/** Relations between actors, as codes, in the database's order. */
	relations: { source: Int32Array; target: Int32Array; kind: (string | null)[] };
	/** `ord` → position (-1 where no event has that ord). */
	positionOf: Int32Array;
	/** The positions of each lever, status and actor code, ascending: a clause's candidates. */
	runs: { lever: Runs; status: Runs; actor: Runs };
	/** Totals per (lever, status) cell; absent when there are too many cells to keep. */
	cells?: CellTotals;
}

/**
 * A lever or status code per position, a byte each while the codes fit (a few dozen levers and
 * statuses at most, usually): at three million events, 18 MB less than four bytes each.
 */
export type EventCodes = Uint8Array | Int32Array;

const narrowed = (codes: Int32Array, count: number): EventCodes =>
	count <= 256 ? Uint8Array.from(codes) : codes;

/** Positions by code: those of code c are `positions[offsets[c]…offsets[c+1])`, ascending. */
export interface Runs {
	offsets: Int32Array;
	positions: Int32Array;
}

/** Groups positions by code; `codesAt(i, add)` calls `add` with each code position i has. */
function runsByCode(
	size: number,
	codes: number,
	codesAt: (i: number, add: (code: number) => void) => void
): Runs {
	const offsets = new Int32Array(codes + 1);
	for (let i = 0; i < size; i++) codesAt(i, (code) => (offsets[code + 1]! += 1));
	for (let c = 0; c < codes; c++) offsets[c + 1]! += offsets[c]!;
	const cursor = offsets.slice(0, codes);
	const positions = new Int32Array(offsets[codes]!);
	for (let i = 0; i < size; i++) codesAt(i, (code) => (positions[cursor[code]!++] = i));
	return { offsets, positions };
}

export interface ActorTable extends ActorColumns {
	/** Actor id → code. */
	code: Map<string, number>;
}

function texts(table: Table, name: string): (string | null)[] {
	const column = table.getChild(name);
	const values: (string | null)[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) values[i] = (column?.get(i) as string | null) ?? null;
	return values;
}

/**
 * Groups rows keyed by event ord into per-position runs (compressed sparse rows): `offsets`
 * has size + 1 entries and `order` tells, for each slot, which input row fills it.
 */
function groupByPosition(ords: Int32Array, positionOf: Int32Array, size: number) {
	const offsets = new Int32Array(size + 1);
	for (let r = 0; r < ords.length; r++) offsets[positionOf[ords[r]!]! + 1]! += 1;
	for (let i = 0; i < size; i++) offsets[i + 1]! += offsets[i]!;
	const cursor = offsets.slice(0, size);
	const order = new Int32Array(ords.length);
	for (let r = 0; r < ords.length; r++) order[cursor[positionOf[ords[r]!]!]!++] = r;
	return { offsets, order };
}

/** Positions ordered by `end`, ties by position: a counting sort over the days spanned. */
function orderByEnd(end: Int32Array): Int32Array {
	if (end.length === 0) return new Int32Array(0);
	let first = Infinity;
	let last = -Infinity;
	for (const day of end) {
		first = Math.min(first, day);
		last = Math.max(last, day);
	}
	const offsets = new Int32Array(last - first + 2);
	for (const day of end) offsets[day - first + 1]! += 1;
	for (let d = 1; d < offsets.length; d++) offsets[d]! += offsets[d - 1]!;
	const order = new Int32Array(end.length);
	for (let i = 0; i < end.length; i++) order[offsets[end[i]! - first]!++] = i;
	return order;
}

/** Slices joined into one new array: the index keeps nothing of the buffers they came in. */
function joined(slices: Slices): Int32Array {
	const all = new Int32Array(slices.reduce((length, slice) => length + slice.length, 0));
	let at = 0;
	for (const slice of slices) {
		all.set(slice, at);
		at += slice.length;
	}
	return all;
}

/** Every column of a record of slices, joined. */
export function joinedColumns<K extends string>(columns: Record<K, Slices>): Record<K, Int32Array> {
	const entries = Object.entries<Slices>(columns).map(([name, slices]) => [name, joined(slices)]);
	return Object.fromEntries(entries) as Record<K, Int32Array>;
}

export function buildEventIndex(columns: IndexInput): EventIndex {
	const { ord, start, end, lever, status } = joinedColumns(columns.events);
	const size = ord.length;
	let maxOrd = -1;
	let longestSpan = 0;
	for (let i = 0; i < size; i++) {
		maxOrd = Math.max(maxOrd, ord[i]!);
		longestSpan = Math.max(longestSpan, end[i]! - start[i]!);
	}
	const positionOf = new Int32Array(maxOrd + 1).fill(-1);
	for (let i = 0; i < size; i++) positionOf[ord[i]!] = i;

	const { ord: takingOrd, actor: takingActor, role: takingRole } = joinedColumns(columns.taking);
	const taking = groupByPosition(takingOrd, positionOf, size);
	const actor = new Int32Array(takingOrd.length);
	const role = new Uint8Array(takingOrd.length);
	taking.order.forEach((row, slot) => {
		actor[slot] = takingActor[row]! - 1;
		role[slot] = takingRole[row]!;
	});

	const actorIds = columns.actors.id;
	const actorCount = actorIds.length;
	const { ord: pairOrd, source: pairSource, target: pairTarget } = joinedColumns(columns.pairs);
	const linking = groupByPosition(pairOrd, positionOf, size);
	const link = new Int32Array(pairOrd.length);
	const linkIds = new Map<number, number>();
	const pairIds = new Map<number, number>();
	const linkSource: number[] = [];
	const linkTarget: number[] = [];
	const linkLever: number[] = [];
	const leverCount = columns.levers.length;
	linking.order.forEach((row, slot) => {
		const source = pairSource[row]! - 1;
		const target = pairTarget[row]! - 1;
		const leverCode = lever[positionOf[pairOrd[row]!]!]!;
		const pairKey = source * actorCount + target;
		let pair = pairIds.get(pairKey);
		if (pair === undefined) pairIds.set(pairKey, (pair = pairIds.size));
		const linkKey = pair * leverCount + leverCode;
		let id = linkIds.get(linkKey);
		if (id === undefined) {
			linkIds.set(linkKey, (id = linkIds.size));
			linkSource.push(source);
			linkTarget.push(target);
			linkLever.push(leverCode);
		}
		link[slot] = id;
	});

	// Renumber links in (actor, target, lever) order, the order SQL breaks ties between equally
	// strong links in, so that the network's cut compares ids (summarise.ts).
	const byTuple = Int32Array.from(linkSource, (_, id) => id).sort(
		(a, b) =>
			linkSource[a]! - linkSource[b]! ||
			linkTarget[a]! - linkTarget[b]! ||
			linkLever[a]! - linkLever[b]!
	);
	const renumbered = new Int32Array(byTuple.length);
	byTuple.forEach((id, rank) => (renumbered[id] = rank));
	for (let slot = 0; slot < link.length; slot++) link[slot] = renumbered[link[slot]!]!;
	const inOrder = (values: number[]) => Int32Array.from(byTuple, (id) => values[id]!);

	const runs = {
		lever: runsByCode(size, columns.levers.length, (i, add) => add(lever[i]!)),
		status: runsByCode(size, columns.statuses.length, (i, add) => add(status[i]!)),
		actor: runsByCode(size, actorCount, (i, add) => {
			for (let p = taking.offsets[i]!; p < taking.offsets[i + 1]!; p++) add(actor[p]!);
		})
	};

	const index: EventIndex = {
		size,
		ord,
		start,
		end,
		longestSpan,
		byEnd: orderByEnd(end),
		lever: narrowed(lever, columns.levers.length),
		status: narrowed(status, columns.statuses.length),
		levers: columns.levers,
		statuses: columns.statuses,
		taking: taking.offsets,
		actor,
		role,
		linking: linking.offsets,
		link,
		linkSource: inOrder(linkSource),
		linkTarget: inOrder(linkTarget),
		linkLever: inOrder(linkLever),
		actors: {
			...columns.actors,
			code: new Map(actorIds.map((id, code) => [id, code]))
		},
		relations: {
			source: columns.relations.source.map((code) => code - 1),
			target: columns.relations.target.map((code) => code - 1),
			kind: columns.relations.kind
		},
		positionOf,
		runs
	};
	return { ...index, cells: cellTotals(index) };
}
