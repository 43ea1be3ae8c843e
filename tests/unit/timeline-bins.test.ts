import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { loadDataset } from '../../src/lib/db/load';
import {
	binDays,
	binScale,
	timelineBins,
	type TimelineBins
} from '../../src/lib/db/queries/timeline-bins';
import { validateDataset } from '../../src/lib/model/validate';
import { NO_FILTER, type Filter } from '../../src/lib/state/filter';
import { DEFAULT_QUERY } from '../../src/lib/state/url';
import { queryTimeline } from '../../src/lib/state/view-queries';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';
import { startNodeDuckDB } from '../helpers/node-duckdb';

// mini: e3 2023 to 2024-02-15 (export controls, us+eu → cn+ru), e1 2024-05-03 (sanctions,
// us → cn), e2 2024-06 (tariffs, cn → us), e4 2025-01-10 (cyber, ru). Extent: 741 days.
const mini = validateDataset(readCsvDataset(join(FIXTURES, 'mini'))).dataset;
const extent = { first: '2023-01-01', last: '2025-01-10' };

let db: Connector;

beforeAll(async () => {
	db = await startNodeDuckDB();
	await loadDataset(db, mini);
});

/** Non-empty bins of each lane as [lane, bin, events, in range]. */
function cells(bins: TimelineBins): [string | null, number, number, number][] {
	return bins.lanes.flatMap((lane) =>
		[...lane.events.keys()]
			.filter((bin) => lane.events[bin]! > 0)
			.map((bin): [string | null, number, number, number] => [
				lane.key,
				bin,
				lane.events[bin]!,
				lane.inRange[bin]!
			])
	);
}

const filter = (part: Partial<Filter>): Filter => ({ ...NO_FILTER, ...part });

describe('binScale', () => {
	it('splits the extent into equal whole-day bins, no more than asked', () => {
		expect(binScale(extent, 3)).toEqual({ origin: '2023-01-01', days: 247, count: 3 });
		expect(binScale(extent, 1000)).toEqual({ origin: '2023-01-01', days: 1, count: 741 });
		expect(binScale({ first: '2024-01-01', last: '2024-01-01' }, 500)).toEqual({
			origin: '2024-01-01',
			days: 1,
			count: 1
		});
	});

	it('names the first and last day of a bin', () => {
		const scale = binScale(extent, 3);
		expect(binDays(scale, 0)).toEqual({ first: '2023-01-01', last: '2023-09-04' });
		expect(binDays(scale, 2)).toEqual({ first: '2024-05-09', last: '2025-01-10' });
	});
});

describe('timelineBins', () => {
	const scale = binScale(extent, 3);

	it('counts events per lever and bin, in the bin of their first day', async () => {
		const bins = await timelineBins(db, NO_FILTER, {
			scale,
			total: 4,
			by: 'lever',
			actorLanes: 30
		});
		// Bin 0 starts 2023-01-01, bin 1 2023-09-05, bin 2 2024-05-09.
		expect(cells(bins).sort()).toEqual([
			['cyber', 2, 1, 1],
			['export_controls', 0, 1, 1],
			['sanctions', 1, 1, 1],
			['tariffs', 2, 1, 1]
		]);
		expect(bins.lanes.every((lane) => lane.events.length === 3)).toBe(true);
	});

	it('keeps events outside the time range, counted apart, and applies every other filter', async () => {
		const bins = await timelineBins(db, filter({ from: '2024-06', actors: ['us'] }), {
			scale,
			total: 3,
			by: 'lever',
			actorLanes: 30
		});
		expect(cells(bins).sort()).toEqual([
			['export_controls', 0, 1, 0],
			['sanctions', 1, 1, 0],
			['tariffs', 2, 1, 1]
		]);
	});

	it('makes lanes of the busiest actors, ties by name, and counts the rest as hidden', async () => {
		const bins = await timelineBins(db, NO_FILTER, { scale, total: 4, by: 'actor', actorLanes: 2 });
		// us and cn take part in three events each; ru (two) and eu (one) get no lane.
		expect(bins.lanes.map((lane) => lane.key)).toEqual(['cn', 'us']);
		expect(cells(bins)).toEqual([
			['cn', 0, 1, 1],
			['cn', 1, 1, 1],
			['cn', 2, 1, 1],
			['us', 0, 1, 1],
			['us', 1, 1, 1],
			['us', 2, 1, 1]
		]);
		expect(bins.hidden).toBe(2);
	});
});

describe('queryTimeline', () => {
	const query = (part: Partial<Filter>, lanes: 'lever' | 'actor' = 'lever') => ({
		...DEFAULT_QUERY,
		lanes,
		filter: filter(part)
	});

	it('returns events one by one when no more than the limit', async () => {
		const shown = await queryTimeline(
			db,
			query({ levers: ['sanctions', 'tariffs'] }),
			undefined,
			2
		);
		expect(shown.kind).toBe('events');
		expect(shown.kind === 'events' && shown.events.map((event) => event.id)).toEqual(['e1', 'e2']);
	});

	it('returns counts per day over the whole extent beyond the limit, the time range aside', async () => {
		const shown = await queryTimeline(db, query({ from: '2024-06' }), undefined, 2);
		if (shown.kind !== 'bins') throw new Error(`expected bins, got ${shown.kind}`);
		expect(shown.bins.total).toBe(4);
		expect(shown.bins.scale).toEqual({ origin: '2023-01-01', days: 1, count: 741 });
		// Day numbers from 2023-01-01: 2024-05-03 is day 488, 2024-06-01 day 517.
		expect(cells(shown.bins).sort()).toEqual([
			['cyber', 740, 1, 1],
			['export_controls', 0, 1, 0],
			['sanctions', 488, 1, 0],
			['tariffs', 517, 1, 1]
		]);
	});

	it('bins by actor when the lanes are actors', async () => {
		const shown = await queryTimeline(db, query({}, 'actor'), undefined, 2);
		if (shown.kind !== 'bins') throw new Error(`expected bins, got ${shown.kind}`);
		expect(shown.bins.lanes.map((lane) => lane.key)).toEqual(['cn', 'us', 'ru', 'eu']);
		expect(shown.bins.hidden).toBe(0);
	});
});
