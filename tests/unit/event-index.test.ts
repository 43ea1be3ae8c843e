import { describe, expect, it } from 'vitest';
import { buildEventIndex } from '../../src/lib/crossfilter/event-index';
import { clauses, keeper, timeRange } from '../../src/lib/crossfilter/selection';
import { NO_FILTER } from '../../src/lib/state/filter';

/** `events` one-day events: event i of lever `i % levers`, status `⌊i / 7⌋ % 3`. */
function indexWith(events: number, levers: number) {
	const ords = Int32Array.from({ length: events }, (_, i) => i);
	return buildEventIndex({
		events: {
			ord: [ords],
			start: [ords],
			end: [ords],
			lever: [ords.map((i) => i % levers)],
			status: [Int32Array.from(ords, (i) => Math.floor(i / 7) % 3)]
		},
		levers: Array.from({ length: levers }, (_, code) => `lever-${code}`),
		statuses: ['imposed', 'lifted', null],
		taking: {
			ord: [ords],
			actor: [new Int32Array(events).fill(1)],
			role: [new Int32Array(events).fill(1)]
		},
		pairs: { ord: [], source: [], target: [] },
		actors: { id: ['a'], name: ['a'], kind: [null], country: [null], nameRank: Int32Array.of(0) },
		relations: { source: new Int32Array(0), target: new Int32Array(0), kind: [] }
	});
}

describe('the event index', () => {
	it('filters by lever and status whether the codes fit in a byte or not', () => {
		for (const levers of [5, 300]) {
			const index = indexWith(900, levers);
			const filter = { ...NO_FILTER, levers: [`lever-${levers - 1}`], status: ['lifted'] };
			const passes = keeper(index, { ...clauses(index, filter), ...timeRange(filter) });
			const all = Array.from({ length: index.size }, (_, i) => i);
			const expected = all.filter((i) => i % levers === levers - 1 && Math.floor(i / 7) % 3 === 1);
			expect(expected.length).toBeGreaterThan(0);
			expect(all.filter(passes)).toEqual(expected);
		}
	});
});
