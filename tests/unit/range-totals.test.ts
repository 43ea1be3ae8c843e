import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEventIndex, type EventIndex } from '../../src/lib/crossfilter/event-index';
import { cellTotals, keptCells } from '../../src/lib/crossfilter/cell-totals';
import { RangeTotals, type LaneSplit } from '../../src/lib/crossfilter/range-totals';
import type { Selection } from '../../src/lib/crossfilter/selection';
import { contextBins, contextTotal } from '../../src/lib/crossfilter/timeline-context';
import { fuzzParams } from '../helpers/fuzz';

/**
 * Totals moved from range to range must equal totals counted afresh for the last range. The
 * database comparison (crossfilter.test.ts) covers what the views show; this one covers the
 * moves themselves, jumps past the old range and inverted ranges included, over many more
 * ranges than a database round trip per step allows.
 */

interface SmallEvent {
	start: number;
	span: number;
	lever: number;
	status: number;
	actors: number[];
}

const ACTORS = 4;
const LEVERS = 2;
const STATUSES = 3;

function indexOf(events: SmallEvent[]): EventIndex {
	const sorted = [...events].sort((a, b) => a.start - b.start);
	const taking = sorted.flatMap((event, ord) =>
		event.actors.map((actor, k) => ({ ord, actor: actor + 1, role: k === 0 ? 1 : 2 }))
	);
	const pairs = sorted.flatMap((event, ord) =>
		event.actors
			.slice(1)
			.map((target) => ({ ord, source: event.actors[0]! + 1, target: target + 1 }))
	);
	// Each column in one slice, as a dataset of a single slice reads.
	const column = <T>(rows: T[], pick: (row: T, i: number) => number) => [
		Int32Array.from(rows, pick)
	];
	return buildEventIndex({
		events: {
			ord: column(sorted, (_, i) => i),
			start: column(sorted, (e) => e.start),
			end: column(sorted, (e) => e.start + e.span),
			lever: column(sorted, (e) => e.lever),
			status: column(sorted, (e) => e.status)
		},
		levers: ['sanctions', 'tariffs'],
		statuses: ['imposed', 'lifted', null],
		taking: {
			ord: column(taking, (t) => t.ord),
			actor: column(taking, (t) => t.actor),
			role: column(taking, (t) => t.role)
		},
		pairs: {
			ord: column(pairs, (p) => p.ord),
			source: column(pairs, (p) => p.source),
			target: column(pairs, (p) => p.target)
		},
		actors: {
			id: ['a', 'b', 'c', 'd'],
			name: ['a', 'b', 'c', 'd'],
			kind: [null, null, null, null],
			country: [null, null, null, null],
			nameRank: Int32Array.from([0, 1, 2, 3])
		},
		relations: { source: new Int32Array(0), target: new Int32Array(0), kind: [] }
	});
}

const smallEvent: fc.Arbitrary<SmallEvent> = fc.record({
	start: fc.integer({ min: 0, max: 40 }),
	// Mostly one day, some long: a long event reaches back over the range's start.
	span: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })),
	lever: fc.integer({ min: 0, max: LEVERS - 1 }),
	status: fc.integer({ min: 0, max: STATUSES - 1 }),
	actors: fc.uniqueArray(fc.integer({ min: 0, max: ACTORS - 1 }), { minLength: 1, maxLength: 3 })
});

const bound = fc.oneof(
	{ weight: 6, arbitrary: fc.integer({ min: -5, max: 75 }) },
	{ weight: 1, arbitrary: fc.constantFrom(-Infinity, Infinity) }
);

const state = (totals: RangeTotals) => ({
	shown: totals.shown,
	actors: totals.actors,
	events: [...totals.events],
	asActor: [...totals.asActor],
	asTarget: [...totals.asTarget],
	linkEvents: [...totals.linkEvents],
	inRange: totals.inRange.map((lane) => [...lane])
});

describe('range totals', () => {
	it('move from range to range to what counting the last range afresh gives', () => {
		fc.assert(
			fc.property(
				fc.array(smallEvent, { minLength: 1, maxLength: 40 }),
				fc.array(fc.tuple(bound, bound), { minLength: 1, maxLength: 15 }),
				fc.option(fc.integer({ min: 0, max: LEVERS - 1 })),
				fc.constantFrom('lever', 'actor' as const),
				(events, ranges, onlyLever, by) => {
					const index = indexOf(events);
					const split: LaneSplit = {
						by,
						laneOf: Int32Array.from({ length: by === 'lever' ? LEVERS : ACTORS }, (_, c) =>
							c % 3 === 2 ? -1 : c
						),
						lanes: by === 'lever' ? LEVERS : ACTORS,
						origin: 0,
						days: 10,
						bins: 5
					};
					const levers =
						onlyLever === null
							? undefined
							: Uint8Array.from([0, 0]).fill(1, onlyLever, onlyLever + 1);
					// A lever clause narrows a pass to that lever's positions, as selection.ts does.
					const candidates =
						onlyLever === null
							? undefined
							: Int32Array.from(index.lever.keys()).filter((i) => index.lever[i] === onlyLever);
					const moved = new RangeTotals(index);
					for (const [from, to] of ranges) {
						const selection: Selection = { from, to, levers, candidates };
						moved.update('clauses', selection, split);
						const afresh = new RangeTotals(index);
						afresh.update('clauses', selection, split);
						expect(state(moved)).toEqual(state(afresh));
					}
				}
			),
			fuzzParams(1000)
		);
	});

	it("counts the whole time range from the index's cells as a pass over its events does", () => {
		const mask = (count: number) =>
			fc.option(fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { maxLength: count }));
		let answeredByCells = 0;
		let cases = 0;
		fc.assert(
			fc.property(
				// Enough events over few enough days that reading cells is often the cheaper way.
				fc.array(smallEvent, { minLength: 60, maxLength: 120 }),
				mask(LEVERS),
				mask(STATUSES),
				fc.constantFrom('context', 'fixed', 'none'),
				(events, leverCodes, statusCodes, splitFrom) => {
					const index = indexOf(events);
					expect(index.cells).toBeDefined();
					const withoutCells = { ...index, cells: undefined };
					const codes = (count: number, chosen: number[] | null) =>
						chosen
							? Uint8Array.from({ length: count }, (_, c) => (chosen.includes(c) ? 1 : 0))
							: undefined;
					const selection: Selection = {
						from: -Infinity,
						to: Infinity,
						levers: codes(LEVERS, leverCodes),
						statuses: codes(STATUSES, statusCodes)
					};
					cases += 1;
					if (keptCells(index.cells, selection)) answeredByCells += 1;
					const scale = { origin: '1970-01-11', days: 10, count: 8 };
					const context = contextBins(index, selection, scale, 'lever', 2);
					const counted = contextBins(withoutCells, selection, scale, 'lever', 2);
					expect(context).toEqual(counted);
					expect(contextTotal(index, selection)).toBe(contextTotal(withoutCells, selection));
					// A lane left out, and bins from day 5, so that early days fall before the first.
					const fixed: LaneSplit = {
						by: 'lever',
						laneOf: Int32Array.from([-1, 0]),
						lanes: 1,
						origin: 5,
						days: 7,
						bins: 6
					};
					const split = { context: context.split, fixed, none: undefined }[splitFrom];
					const fromCells = new RangeTotals(index);
					fromCells.update('clauses', selection, split);
					const fromEvents = new RangeTotals(withoutCells);
					fromEvents.update('clauses', selection, split);
					expect(state(fromCells)).toEqual(state(fromEvents));
				}
			),
			fuzzParams(500)
		);
		// The cells must have answered enough cases for this to test them.
		expect(answeredByCells).toBeGreaterThanOrEqual(cases / 4);
	});

	it('keeps no cells past its budget, and counts events instead', () => {
		const index = indexOf([{ start: 0, span: 0, lever: 0, status: 0, actors: [0, 1] }]);
		// 6 cells of 4 actors × 3 counts and 1 day: 78 entries.
		expect(cellTotals(index, 78)).toBeDefined();
		expect(cellTotals(index, 77)).toBeUndefined();
	});
});
