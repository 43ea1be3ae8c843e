import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { loadDataset } from '../../src/lib/db/load';
import { counts } from '../../src/lib/db/queries/counts';
import { eventRows } from '../../src/lib/db/queries/event-rows';
import { validateDataset } from '../../src/lib/model/validate';
import { NO_FILTER, type Filter } from '../../src/lib/state/filter';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';
import { startNodeDuckDB } from '../helpers/node-duckdb';

const mini = validateDataset(readCsvDataset(join(FIXTURES, 'mini'))).dataset;
const byDate = { key: 'date', descending: false } as const;

let db: Connector;

beforeAll(async () => {
	db = await startNodeDuckDB();
	await loadDataset(db, mini);
});

async function shownIds(filter: Partial<Filter>): Promise<string[]> {
	const rows = await eventRows(db, { ...NO_FILTER, ...filter }, byDate, 100);
	return rows.map((row) => row.id);
}

describe('counts', () => {
	it('counts events, distinct actors and targets, and distinct actor → target pairs', async () => {
		// Pairs: us→cn (twice), cn→us, us→ru, eu→cn, eu→ru; e4 has no target.
		expect(await counts(db, NO_FILTER)).toEqual({ events: 4, actors: 4, edges: 5 });
	});

	it('counts only what a filter keeps', async () => {
		expect(await counts(db, { ...NO_FILTER, levers: ['cyber'] })).toEqual({
			events: 1,
			actors: 1,
			edges: 0
		});
	});
});

describe('filters', () => {
	it('keeps events in which a chosen actor takes part, as actor or target', async () => {
		expect(await shownIds({ actors: ['eu'] })).toEqual(['e3']);
		expect(await shownIds({ actors: ['ru'] })).toEqual(['e3', 'e4']);
		expect(await shownIds({ actors: ['eu', 'ru'] })).toEqual(['e3', 'e4']);
	});

	it('keeps events with any chosen lever or status', async () => {
		expect(await shownIds({ levers: ['tariffs', 'cyber'] })).toEqual(['e2', 'e4']);
		expect(await shownIds({ status: ['imposed', 'in_force'] })).toEqual(['e3', 'e1']);
	});

	it('keeps events whose span overlaps the inclusive date range', async () => {
		// e2 is dated to June 2024 and so spans the whole month.
		expect(await shownIds({ from: '2024-06-15', to: '2024-06-20' })).toEqual(['e2']);
		// e3 runs from 2023 to 15 February 2024.
		expect(await shownIds({ from: '2024-02-15', to: '2024-02-15' })).toEqual(['e3']);
		expect(await shownIds({ from: '2024-02-16', to: '2024-05-02' })).toEqual([]);
		expect(await shownIds({ from: '2024-05-03' })).toEqual(['e1', 'e2', 'e4']);
		expect(await shownIds({ to: '2023-01-01' })).toEqual(['e3']);
	});

	it('searches title, summary and source case-insensitively', async () => {
		expect(await shownIds({ q: 'ALPHA' })).toEqual(['e1']);
		expect(await shownIds({ q: 'wafer' })).toEqual(['e1']);
		expect(await shownIds({ q: 'gazette' })).toEqual(['e2']);
		expect(await shownIds({ q: '  ' })).toHaveLength(4);
	});

	it('combines filters with AND', async () => {
		expect(await shownIds({ actors: ['us'], levers: ['sanctions'] })).toEqual(['e1']);
		expect(await shownIds({ actors: ['ru'], levers: ['sanctions'] })).toEqual([]);
	});

	it('treats SQL in filter values as plain text', async () => {
		const hostile = "x'); DROP TABLE events; --";
		expect(await shownIds({ q: hostile, actors: [hostile], levers: [hostile] })).toEqual([]);
		expect(await shownIds({ q: "'" })).toEqual([]);
		expect((await counts(db, NO_FILTER)).events).toBe(4);
	});
});

describe('eventRows', () => {
	it('resolves actor names in file order and sorts as asked', async () => {
		const rows = await eventRows(db, NO_FILTER, { key: 'title', descending: true }, 100);
		expect(rows.map((row) => row.title)).toEqual([
			'Gamma controls',
			'Delta intrusion',
			'Beta tariff',
			'Alpha sanctions'
		]);
		expect(rows[0]).toMatchObject({
			date: '2023',
			date_precision: 'year',
			end_date: '2024-02-15',
			actors: ['United States', 'European Union'],
			targets: ['China', 'Russia']
		});
		expect(rows[1]!.targets).toEqual([]);
	});

	it('returns at most the limit, first by the chosen order', async () => {
		const rows = await eventRows(db, NO_FILTER, { key: 'date', descending: true }, 2);
		expect(rows.map((row) => row.id)).toEqual(['e4', 'e2']);
	});
});

describe('loadDataset', () => {
	it('replaces the current data with another dataset', async () => {
		const other = await startNodeDuckDB();
		await loadDataset(other, mini);
		const one = validateDataset({
			events: [{ id: 'x', date: '2020', title: 'Only one', actors: 'a', targets: 'b' }]
		}).dataset;
		await loadDataset(other, one);
		expect(await counts(other, NO_FILTER)).toEqual({ events: 1, actors: 2, edges: 1 });
	});

	it('leaves the current dataset untouched when a load fails part-way', async () => {
		const target = await startNodeDuckDB();
		await loadDataset(target, mini);
		let inserts = 0;
		const failing: Connector = {
			query: (q) => target.query(q),
			exec: (s) => target.exec(s),
			async insertArrow(name, table) {
				if (++inserts === 3) throw new Error('out of memory');
				await target.insertArrow(name, table);
			}
		};
		const replacement = validateDataset({
			events: [{ id: 'x', date: '2020', title: 'Only one', actors: 'a' }]
		}).dataset;
		await expect(loadDataset(failing, replacement)).rejects.toThrow('out of memory');
		expect(await counts(target, NO_FILTER)).toEqual({ events: 4, actors: 4, edges: 5 });
	});
});
