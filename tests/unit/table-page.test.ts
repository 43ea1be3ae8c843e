import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangePositions, type Selection } from '../../src/lib/crossfilter/selection';
import { firstPassing } from '../../src/lib/crossfilter/table-page';
import { fuzzParams } from '../helpers/fuzz';
import { bound, indexOf, LEVERS, smallEvent, STATUSES } from '../helpers/small-index';

/**
 * The table's page by date is found by walking the first positions, and through the
 * selection's candidates only when the walk falls short: both ways must give the same page.
 * The database comparison (crossfilter.test.ts) runs on datasets smaller than the walk.
 */
describe('table page by date', () => {
	const code = (count: number) => fc.option(fc.integer({ min: 0, max: count - 1 }));

	it('is the same page however far the positions are walked first', () => {
		fc.assert(
			fc.property(
				fc.array(smallEvent, { minLength: 1, maxLength: 60 }),
				fc.tuple(bound, bound),
				code(LEVERS),
				code(STATUSES),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 0, max: 70 }),
				(events, [from, to], lever, status, limit, walk) => {
					const index = indexOf(events);
					const only = (chosen: number | null, count: number) =>
						chosen === null
							? undefined
							: Uint8Array.from({ length: count }, (_, c) => (c === chosen ? 1 : 0));
					const passing = Array.from(index.start.keys()).filter(
						(i) =>
							index.end[i]! >= from &&
							index.start[i]! <= to &&
							(lever === null || index.lever[i] === lever) &&
							(status === null || index.status[i] === status)
					);
					// The lever's clause narrows, as selection.ts makes it: its events, ascending.
					let made = 0;
					const candidates =
						lever === null
							? undefined
							: () => {
									made += 1;
									return Int32Array.from(index.lever.keys()).filter(
										(i) => index.lever[i] === lever
									);
								};
					const selection: Selection = {
						from,
						to,
						levers: only(lever, LEVERS),
						statuses: only(status, STATUSES),
						candidates
					};
					const page = firstPassing(index, selection, limit, walk);
					expect(page.ords).toEqual(passing.slice(0, limit).map((i) => index.ord[i]));
					// Walked over the whole run that can overlap the range, or far enough to fill the
					// page: the candidates were not needed.
					const [first, last] = rangePositions(index, selection);
					const walked = passing.filter((i) => i < first + walk).length;
					if (last - first <= walk || walked >= limit) expect(made).toBe(0);
				}
			),
			fuzzParams(1000)
		);
	});
});
