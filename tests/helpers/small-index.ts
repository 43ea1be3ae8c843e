import fc from 'fast-check';
import { buildEventIndex, type EventIndex } from '../../src/lib/crossfilter/event-index';

/**
 * Small indexes built straight from generated events, without a database: for properties of
 * the index's passes that need many more cases than a database round trip per case allows.
 */

export interface SmallEvent {
	start: number;
	span: number;
	lever: number;
	status: number;
	actors: number[];
}

export const ACTORS = 4;
export const LEVERS = 2;
export const STATUSES = 3;

export function indexOf(events: SmallEvent[]): EventIndex {
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

export const smallEvent: fc.Arbitrary<SmallEvent> = fc.record({
	start: fc.integer({ min: 0, max: 40 }),
	// Mostly one day, some long: a long event reaches back over the range's start.
	span: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })),
	lever: fc.integer({ min: 0, max: LEVERS - 1 }),
	status: fc.integer({ min: 0, max: STATUSES - 1 }),
	actors: fc.uniqueArray(fc.integer({ min: 0, max: ACTORS - 1 }), { minLength: 1, maxLength: 3 })
});

export const bound = fc.oneof(
	{ weight: 6, arbitrary: fc.integer({ min: -5, max: 75 }) },
	{ weight: 1, arbitrary: fc.constantFrom(-Infinity, Infinity) }
);
