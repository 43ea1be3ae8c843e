import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { loadDataset } from '../../src/lib/db/load';
import { sql } from '../../src/lib/db/sql';
import { counts } from '../../src/lib/db/queries/counts';
import { eventDetails } from '../../src/lib/db/queries/details';
import { eventRows } from '../../src/lib/db/queries/event-rows';
import { networkRows } from '../../src/lib/db/queries/network';
import { datasetOptions } from '../../src/lib/db/queries/options';
import { timelineRows } from '../../src/lib/db/queries/timeline';
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
			...target,
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

describe('network', () => {
	it('gives each actor its filtered event counts and aggregates actor → target links by lever', async () => {
		const { nodes, edges, relations } = await networkRows(db, NO_FILTER, {
			actors: 100,
			links: 800
		});
		expect(nodes.map((n) => [n.id, n.events, n.as_actor, n.as_target])).toEqual([
			['cn', 3, 1, 2],
			['us', 3, 2, 1],
			['ru', 2, 1, 1],
			['eu', 1, 1, 0]
		]);
		expect(nodes.find((n) => n.id === 'eu')).toMatchObject({
			name: 'European Union',
			kind: 'group'
		});
		expect(edges).toEqual([
			{ source: 'cn', target: 'us', lever: 'tariffs', events: 1 },
			{ source: 'eu', target: 'cn', lever: 'export_controls', events: 1 },
			{ source: 'eu', target: 'ru', lever: 'export_controls', events: 1 },
			{ source: 'us', target: 'cn', lever: 'export_controls', events: 1 },
			{ source: 'us', target: 'cn', lever: 'sanctions', events: 1 },
			{ source: 'us', target: 'ru', lever: 'export_controls', events: 1 }
		]);
		expect(relations).toEqual([{ source: 'us', target: 'eu', kind: 'coordinates' }]);
	});

	it('narrows nodes, links and relations with the filter', async () => {
		const { nodes, edges, relations } = await networkRows(
			db,
			{ ...NO_FILTER, levers: ['sanctions'] },
			{ actors: 100, links: 800 }
		);
		expect(nodes.map((n) => n.id)).toEqual(['cn', 'us']);
		expect(edges).toHaveLength(1);
		expect(relations).toEqual([]);
	});

	it('keeps the busiest actors when there are more than the limit, and only their links', async () => {
		const { nodes, edges } = await networkRows(db, NO_FILTER, { actors: 2, links: 16 });
		expect(nodes.map((n) => n.id)).toEqual(['cn', 'us']);
		expect(edges.map((e) => [e.source, e.target])).toEqual([
			['cn', 'us'],
			['us', 'cn'],
			['us', 'cn']
		]);
	});
});

describe('timeline', () => {
	it('keeps events outside the time range, marked, and applies every other filter', async () => {
		const rows = await timelineRows(db, { ...NO_FILTER, from: '2024-06', actors: ['us'] }, 100);
		expect(rows.map((r) => [r.id, r.in_range])).toEqual([
			['e3', false],
			['e1', false],
			['e2', true]
		]);
		expect(rows[0]).toMatchObject({
			start_day: '2023-01-01',
			end_day: '2024-02-15',
			actors: ['us', 'eu'],
			targets: ['cn', 'ru']
		});
		expect(rows[2]).toMatchObject({ start_day: '2024-06-01', end_day: '2024-06-30' });
	});
});

describe('eventDetails', () => {
	it('returns the event with named actors and its neighbours on the same lever', async () => {
		const details = await eventDetails(db, 'e3');
		expect(details).toMatchObject({
			id: 'e3',
			summary: 'A long period',
			tags: ['a', 'b'],
			actors: [
				{ id: 'us', name: 'United States' },
				{ id: 'eu', name: 'European Union' }
			],
			targets: [
				{ id: 'cn', name: 'China' },
				{ id: 'ru', name: 'Russia' }
			],
			previous: null,
			next: null
		});
		expect(await eventDetails(db, 'missing')).toBeUndefined();
	});

	it('finds the previous and next events of a lever track in date order', async () => {
		const track = await startNodeDuckDB();
		const step = (id: string, date: string, status: string) => ({
			id,
			date,
			title: id,
			actors: 'us',
			lever: 'sanctions',
			lever_id: 'track',
			status
		});
		await loadDataset(
			track,
			validateDataset({
				events: [
					step('late', '2025-03', 'lifted'),
					step('first', '2025-01-01', 'planned'),
					step('middle', '2025-02-01', 'imposed'),
					{ ...step('other', '2025-02-15', 'imposed'), lever_id: 'another' }
				]
			}).dataset
		);
		const middle = await eventDetails(track, 'middle');
		expect(middle?.previous).toMatchObject({ id: 'first', status: 'planned' });
		expect(middle?.next).toMatchObject({ id: 'late', date: '2025-03', status: 'lifted' });
	});
});

describe('datasetOptions', () => {
	it('lists actors, levers and statuses by how many events they have, and the date extent', async () => {
		const options = await datasetOptions(db);
		expect(options.actors.map((a) => [a.id, a.events])).toEqual([
			['cn', 3],
			['us', 3],
			['ru', 2],
			['eu', 1]
		]);
		// Each actor's events counted once, whether it acts, is targeted, or both in one event.
		const distinct = await db.query<{ id: string; events: number }>(
			sql`SELECT a.id, count(DISTINCT ea.event_id) AS events
			    FROM actors a LEFT JOIN event_actors ea ON ea.actor_id = a.id GROUP BY a.id`
		);
		expect(Object.fromEntries(options.actors.map((a) => [a.id, a.events]))).toEqual(
			Object.fromEntries(distinct.map((a) => [a.id, a.events]))
		);
		expect(options.levers.map((l) => l.value).sort()).toEqual([
			'cyber',
			'export_controls',
			'sanctions',
			'tariffs'
		]);
		expect(options.extent).toEqual({ first: '2023-01-01', last: '2025-01-10' });
	});
});
