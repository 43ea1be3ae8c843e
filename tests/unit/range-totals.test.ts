import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellTotals, keptCells } from '../../src/lib/crossfilter/cell-totals';
import { RangeTotals, type LaneSplit } from '../../src/lib/crossfilter/range-totals';
import type { Selection } from '../../src/lib/crossfilter/selection';
import { contextBins, contextTotal } from '../../src/lib/crossfilter/timeline-context';
import { fuzzParams } from '../helpers/fuzz';
import { ACTORS, bound, indexOf, LEVERS, smallEvent, STATUSES } from '../helpers/small-index';

/**
 * Totals moved from range to range must equal totals counted afresh for the last range. The
 * database comparison (crossfilter.test.ts) covers what the views show; this one covers the
 * moves themselves, jumps past the old range and inverted ranges included, over many more
 * ranges than a database round trip per step allows.
 */

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
							: () =>
									Int32Array.from(index.lever.keys()).filter((i) => index.lever[i] === onlyLever);
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
					// Candidates counting how often they are collected: every position can pass.
					let collected = 0;
					const selection: Selection = {
						from: -Infinity,
						to: Infinity,
						levers: codes(LEVERS, leverCodes),
						statuses: codes(STATUSES, statusCodes),
						candidates: () => {
							collected += 1;
							return Int32Array.from(index.start.keys());
						}
					};
					cases += 1;
					const byCells = keptCells(index.cells, selection) !== undefined;
					if (byCells) answeredByCells += 1;
					const scale = { origin: '1970-01-11', days: 10, count: 8 };
					const context = contextBins(index, selection, scale, 'lever', 2);
					const total = contextTotal(index, selection);
					// Answered by the cells, nothing passes over the events: no candidates are collected.
					if (byCells) expect(collected).toBe(0);
					const counted = contextBins(withoutCells, selection, scale, 'lever', 2);
					expect(context).toEqual(counted);
					expect(total).toBe(contextTotal(withoutCells, selection));
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
					collected = 0;
					fromCells.update('clauses', selection, split);
					if (byCells) expect(collected).toBe(0);
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
