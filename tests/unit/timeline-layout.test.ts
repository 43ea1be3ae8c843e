import { describe, expect, it } from 'vitest';
import type { TimelineEventRow } from '../../src/lib/db/queries/timeline';
import {
	ACTOR_LANE_COLOUR,
	binLanes,
	binPeriod,
	stepArea
} from '../../src/lib/views/timeline/bin-lanes';
import { laneByActor, laneByLever, packRows } from '../../src/lib/views/timeline/lanes';
import { markShape } from '../../src/lib/views/timeline/mark-shapes';
import { symbolPath } from '../../src/lib/views/timeline/symbols';
import { dayEnd, dayToDate, today } from '../../src/lib/views/timeline/time';
import { statusTracks, trackLabel } from '../../src/lib/views/timeline/tracks';

const event = (
	id: string,
	start: string,
	fields: Partial<TimelineEventRow> = {}
): TimelineEventRow => ({
	id,
	date: start,
	date_precision: 'day',
	end_date: null,
	start_day: start,
	end_day: start,
	title: id,
	lever: 'sanctions',
	lever_id: null,
	status: null,
	actors: ['us'],
	targets: [],
	in_range: true,
	...fields
});

describe('time', () => {
	it('reads calendar days as UTC, whatever the local zone', () => {
		expect(dayToDate('2025-03-01').toISOString()).toBe('2025-03-01T00:00:00.000Z');
		expect(dayEnd('2025-02-28').toISOString()).toBe('2025-03-01T00:00:00.000Z');
	});

	it("gives today's date where the reader is", () => {
		// 23:30 on 24 November in Los Angeles is already 25 November in UTC.
		expect(today(new Date('2025-11-25T07:30:00Z'))).toBe('2025-11-24');
	});
});

describe('lanes', () => {
	const rows = [
		event('a', '2025-01-01', { lever: 'tariffs', actors: ['us'], targets: ['cn'] }),
		event('b', '2025-01-02', { lever: 'sanctions', actors: ['us'], targets: ['mss'] }),
		event('c', '2025-01-03', { lever: null, actors: ['cn'] })
	];

	it('orders lever lanes by the taxonomy, events without a lever last', () => {
		expect(laneByLever(rows).map((lane) => [lane.label, lane.events.length])).toEqual([
			['Sanctions', 1],
			['Tariffs', 1],
			['No lever', 1]
		]);
	});

	it('puts an event in the lane of each actor taking part, busiest first', () => {
		const names = new Map([['us', 'United States']]);
		const { lanes, hidden } = laneByActor(rows, names, 2);
		expect(lanes.map((lane) => [lane.label, lane.events.map((e) => e.id)])).toEqual([
			['cn', ['a', 'c']],
			['United States', ['a', 'b']]
		]);
		expect(hidden).toBe(1);
	});

	it('stacks overlapping marks into rows and reuses rows once free', () => {
		const { rows: placed, count } = packRows([
			{ x0: 0, x1: 10 },
			{ x0: 5, x1: 15 },
			{ x0: 20, x1: 30 },
			{ x0: 12, x1: 25 }
		]);
		expect(placed).toEqual([0, 1, 0, 2]);
		expect(count).toBe(3);
	});
});

describe('statusTracks', () => {
	const track = (
		id: string,
		start: string,
		status: string,
		fields: Partial<TimelineEventRow> = {}
	) => event(id, start, { lever_id: 'zte', status, ...fields });

	it('lets each status last until the next event of the lever', () => {
		const [zte] = statusTracks(
			[track('lift', '2018-07-13', 'lifted'), track('deny', '2018-04-15', 'imposed')],
			'2026-01-01'
		);
		expect(zte!.label).toBe('Zte');
		expect(zte!.segments).toEqual([
			{ status: 'imposed', eventId: 'deny', from: '2018-04-15', until: '2018-07-13', open: false },
			{ status: 'lifted', eventId: 'lift', from: '2018-07-13', until: '2018-07-14', open: false }
		]);
	});

	it('runs the latest status on to today, or to its own end date', () => {
		const [open] = statusTracks([track('hold', '2025-12-03', 'on_hold')], '2026-11-25');
		expect(open!.segments[0]).toMatchObject({ until: '2026-11-26', open: true });
		const [bounded] = statusTracks(
			[
				track('pause', '2025-11-10', 'suspended', { end_date: '2026-11-09', end_day: '2026-11-09' })
			],
			'2026-11-25'
		);
		expect(bounded!.segments[0]).toMatchObject({ until: '2026-11-10', open: false });
	});

	it('ignores events without a lever id or a status', () => {
		expect(
			statusTracks([event('x', '2025-01-01'), track('y', '2025-01-01', '')], '2026-01-01')
		).toEqual([]);
	});

	it('names a track from its id', () => {
		expect(trackLabel('h20-export-licences')).toBe('H20 export licences');
	});
});

describe('binned lanes', () => {
	const counts = (...values: number[]) => Int32Array.from(values);
	const lanes = [
		{ key: null, events: counts(1, 0), inRange: counts(0, 0) },
		{ key: 'tariffs', events: counts(2, 3), inRange: counts(2, 0) },
		{ key: 'sanctions', events: counts(0, 4), inRange: counts(0, 4) }
	];
	const scale = { origin: '2023-02-27', days: 7, count: 2 };

	it('orders lever lanes as the taxonomy does, events without a lever last, with totals', () => {
		const shown = binLanes({ scale, by: 'lever', total: 10, lanes, hidden: 0 }, new Map());
		expect(shown.map((lane) => [lane.label, lane.total, lane.totalInRange])).toEqual([
			['Sanctions', 4, 4],
			['Tariffs', 5, 2],
			['No lever', 1, 0]
		]);
		expect(shown[0]!.colour).toBe('#D55E00');
	});

	it('keeps actor lanes in the order given, named, in one neutral colour', () => {
		const actorLanes = [
			{ ...lanes[1]!, key: 'us' },
			{ ...lanes[2]!, key: 'zz' }
		];
		const shown = binLanes(
			{ scale, by: 'actor', total: 9, lanes: actorLanes, hidden: 3 },
			new Map([['us', 'United States']])
		);
		expect(shown.map((lane) => [lane.label, lane.colour])).toEqual([
			['United States', ACTOR_LANE_COLOUR],
			['zz', ACTOR_LANE_COLOUR]
		]);
	});

	it('draws a lane as steps from its first events to the end of its last, and nothing when empty', () => {
		const edges = [0, 10, 20, 30, 40, 50, 60, 70];
		const top = (count: number) => 100 - count * 10;
		expect(stepArea(edges, counts(0, 0, 3, 0, 1, 0, 0), 100, top)).toBe(
			'M20,100L20,70L30,70L30,100L40,100L40,90L50,90L50,100Z'
		);
		expect(stepArea(edges, counts(0, 0), 100, top)).toBe('');
	});

	it('draws a run of bins of one height as one step, to a tenth of a pixel', () => {
		const edges = [0.04, 10.26, 20.5, 30.71];
		expect(stepArea(edges, counts(2, 2, 2), 100, (count) => 100 - count * 10)).toBe(
			'M0,100L0,80L30.7,80L30.7,100Z'
		);
		expect(stepArea(edges, counts(2, 2, 5), 100, (count) => 100 - count * 10)).toBe(
			'M0,100L0,80L20.5,80L20.5,50L30.7,50L30.7,100Z'
		);
	});

	it('names the period of a bin in words', () => {
		expect(binPeriod(scale, 0)).toBe('27 Feb – 5 Mar 2023');
		expect(binPeriod(scale, 1)).toBe('6–12 Mar 2023');
		expect(binPeriod({ origin: '2023-12-29', days: 7, count: 1 }, 0)).toBe(
			'29 Dec 2023 – 4 Jan 2024'
		);
		expect(binPeriod({ origin: '2024-02-29', days: 1, count: 1 }, 0)).toBe('29 Feb 2024');
	});
});

/** The box a path's drawn points span (its moves', lines' and arcs' end points). */
function pathBounds(d: string) {
	const points: [number, number][] = [];
	for (const [, command, args] of d.matchAll(/([MLAZ])([^MLAZ]*)/g)) {
		const numbers = args!.split(/[ ,]+/).filter(Boolean).map(Number);
		if (command === 'M' || command === 'L' || command === 'A') {
			points.push([numbers.at(-2)!, numbers.at(-1)!]);
		}
	}
	const xs = points.map(([x]) => x);
	const ys = points.map(([, y]) => y);
	return { x: [Math.min(...xs), Math.max(...xs)], y: [Math.min(...ys), Math.max(...ys)] };
}

describe('timeline marks', () => {
	it('draws a period as a solid bar from its first day to its last, and a vaguer date dashed', () => {
		const period = markShape('period', 'sanctions', 'imposed', 42.5);
		expect(pathBounds(period.d)).toEqual({ x: [0, 42.5], y: [-4, 4] });
		// Four rounded corners, as the bars drawn as SVG rects had.
		expect(period.d.match(/A/g)).toHaveLength(4);
		expect(period).toMatchObject({ fill: '#D55E00', stroke: '#D55E00', dash: undefined });

		const span = markShape('span', 'sanctions', null, 120);
		expect(pathBounds(span.d)).toEqual({ x: [0, 120], y: [-5, 5] });
		expect(span.dash).toBe('3 2');
		expect(span.fillOpacity).toBeLessThan(period.fillOpacity);
	});

	it('keeps a bar of a day or less wide enough to see and to point at', () => {
		expect(pathBounds(markShape('period', 'tariffs', null, 0.4).d).x).toEqual([0, 3]);
	});

	it("draws a dated event as its status's symbol in its lever's colour", () => {
		const filled = markShape('point', 'export_controls', 'imposed', 0);
		// A white outline sets a filled symbol off the marks it overlaps.
		expect(filled).toMatchObject({ d: symbolPath('square', 70), fill: '#0072B2', stroke: '#fff' });

		const stroked = markShape('point', 'export_controls', 'granted', 0);
		expect(stroked).toMatchObject({ d: symbolPath('plus', 70), fill: 'none', stroke: '#0072B2' });
		expect(stroked.strokeWidth).toBeGreaterThan(filled.strokeWidth);
	});
});
