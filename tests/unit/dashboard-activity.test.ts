import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { loadDataset } from '../../src/lib/db/load';
import { validateDataset } from '../../src/lib/model/validate';
import { Activity } from '../../src/lib/state/activity';
import { DashboardData } from '../../src/lib/state/dashboard-data.svelte';
import { DEFAULT_QUERY, type ViewQuery } from '../../src/lib/state/url';
import { brokenViews } from '../../src/lib/state/test-hooks';
import { queryShown } from '../../src/lib/state/view-queries';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';
import { startNodeDuckDB } from '../helpers/node-duckdb';

const withLevers = (...levers: string[]): ViewQuery => ({
	...DEFAULT_QUERY,
	filter: { ...DEFAULT_QUERY.filter, levers }
});

/** Whether `activity` is quiet within `ms` (real time). */
async function quietWithin(activity: Activity, ms: number): Promise<boolean> {
	const gaveUp = new AbortController();
	const timer = setTimeout(() => gaveUp.abort(), ms);
	const quiet = await activity.quietFor(0, gaveUp.signal);
	clearTimeout(timer);
	return quiet;
}

/** A database whose every answer waits for `open()`, then fails. */
function closedDatabase() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	const refuse = async (): Promise<never> => {
		await opened;
		throw new Error('no database here');
	};
	const db = {
		query: refuse,
		table: refuse,
		exec: refuse,
		insertArrow: refuse,
		run: refuse,
		registerFile: refuse,
		dropFile: refuse
	} as Connector;
	return { db, open };
}

let db: Connector;
beforeAll(async () => {
	db = await startNodeDuckDB();
	await loadDataset(db, validateDataset(readCsvDataset(join(FIXTURES, 'mini'))).dataset);
});
// A page's frames and its <html> element, which painting and readiness use.
beforeEach(() => {
	vi.stubGlobal('requestAnimationFrame', (paint: () => void) => setTimeout(paint, 1));
	vi.stubGlobal('document', { documentElement: { dataset: {} } });
});
afterEach(() => vi.unstubAllGlobals());

describe('the views count as busy until a change is painted or dropped', () => {
	it('is busy while changes load, and quiet once the newest is painted', async () => {
		const activity = new Activity();
		const data = new DashboardData(activity);
		const first = data.show(db, 1, DEFAULT_QUERY);
		// Made while the first loads: the one in between is dropped, the newest painted.
		const dropped = data.show(db, 1, withLevers('sanctions'), performance.now());
		const newest = data.show(db, 1, withLevers('tariffs'), performance.now());
		expect(await quietWithin(activity, 5)).toBe(false);
		await Promise.all([first, dropped, newest]);
		expect(data.shown?.query.filter.levers).toEqual(['tariffs']);
		expect(await quietWithin(activity, 50)).toBe(true);
	});

	it('is quiet again after a change that failed and one it superseded', async () => {
		const activity = new Activity();
		const data = new DashboardData(activity);
		const { db: closed, open } = closedDatabase();
		const superseded = data.show(closed, 1, DEFAULT_QUERY);
		const failing = data.show(closed, 1, withLevers('sanctions'), performance.now());
		expect(await quietWithin(activity, 20)).toBe(false);
		open();
		await Promise.all([superseded, failing]);
		expect(data.error).toMatch(/no database here/);
		expect(await quietWithin(activity, 50)).toBe(true);
	});
});

describe('an events table off screen follows changes instead of holding them', () => {
	const tariffs = withLevers('tariffs');
	const rowsOf = async (query: ViewQuery) => (await queryShown(db, query)).rows;

	it('in view, a change is painted with its rows', async () => {
		const data = new DashboardData(new Activity());
		await data.show(db, 1, DEFAULT_QUERY);
		data.tableInView(false);
		data.tableInView(true);
		await data.show(db, 1, tariffs, performance.now());
		expect(data.shown?.rowsBehind).toBeUndefined();
		expect(data.shown?.rows).toEqual(await rowsOf(tariffs));
	});

	it('out of view, a change keeps the rows it had, and they follow once changes rest', async () => {
		const data = new DashboardData(new Activity());
		await data.show(db, 1, DEFAULT_QUERY);
		const before = data.shown!.rows;
		data.tableInView(false);
		await data.show(db, 1, tariffs, performance.now());
		expect(data.shown?.rowsBehind).toBe(true);
		expect(data.shown?.rows).toBe(before);
		expect(data.shown?.counts.events).toBe((await rowsOf(tariffs)).length);
		await vi.waitFor(() => expect(data.shown?.rowsBehind).toBeUndefined(), { timeout: 5000 });
		expect(data.shown?.rows).toEqual(await rowsOf(tariffs));
		expect(data.shown?.query).toEqual(tariffs);
	});

	it('out of view, a change the rows do not depend on (a selection) keeps them current', async () => {
		const data = new DashboardData(new Activity());
		await data.show(db, 1, DEFAULT_QUERY);
		data.tableInView(false);
		const rows = data.shown!.rows;
		await data.show(db, 1, { ...DEFAULT_QUERY, sel: rows[0]!.id }, performance.now());
		expect(data.shown?.query.sel).toBe(rows[0]!.id);
		expect(data.shown?.rowsBehind).toBeUndefined();
		expect(data.shown?.rows).toEqual(rows);
	});

	it('catches up at once when the table comes into view while changes go on', async () => {
		const activity = new Activity();
		const data = new DashboardData(activity);
		await data.show(db, 1, DEFAULT_QUERY);
		data.tableInView(false);
		await data.show(db, 1, tariffs, performance.now());
		// Another change under way: the changes do not rest.
		const busy = activity.begin();
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(data.shown?.rowsBehind).toBe(true);
		data.tableInView(true);
		await vi.waitFor(() => expect(data.shown?.rowsBehind).toBeUndefined(), { timeout: 5000 });
		expect(data.shown?.rows).toEqual(await rowsOf(tariffs));
		busy();
	});

	it('a table that fails to catch up says why, and the next change in view heals it', async () => {
		const data = new DashboardData(new Activity());
		await data.show(db, 1, DEFAULT_QUERY);
		data.tableInView(false);
		brokenViews.set('rows', 'query');
		try {
			await data.show(db, 1, tariffs, performance.now());
			await vi.waitFor(() => expect(data.shown?.failed.rows).toMatch(/made to fail/), {
				timeout: 5000
			});
			expect(data.shown?.rowsBehind).toBeUndefined();
		} finally {
			brokenViews.delete('rows');
		}
		data.tableInView(true);
		await data.show(db, 1, withLevers('sanctions'), performance.now());
		expect(data.shown?.failed.rows).toBeUndefined();
		expect(data.shown?.rows).toEqual(await rowsOf(withLevers('sanctions')));
	});
});

describe('a page without the events table (an embed) never asks for its rows', () => {
	/** `db`, counting the queries it is asked. */
	function counted() {
		const asked = { queries: 0 };
		const counting: Connector = {
			...db,
			query: (...args) => {
				asked.queries += 1;
				return db.query(...args);
			},
			table: (...args) => {
				asked.queries += 1;
				return db.table(...args);
			}
		};
		return { counting, asked };
	}
	const byTitle: ViewQuery = { ...DEFAULT_QUERY, sort: { key: 'title', descending: false } };

	/** Asks `data` (indexed) for the table's sort by title, counting the queries that takes. */
	async function sortByTitle(table: boolean) {
		const { counting, asked } = counted();
		const data = new DashboardData(new Activity(), { table });
		await data.show(counting, 1, DEFAULT_QUERY);
		await vi.waitFor(() => expect(data.indexed).toBe(1), { timeout: 5000 });
		// Once more from the index, which then has the timeline's events.
		await data.show(counting, 1, DEFAULT_QUERY, performance.now());
		asked.queries = 0;
		await data.show(counting, 1, byTitle, performance.now());
		return { data, queries: asked.queries };
	}

	it('shows every other view, without rows and without waiting for them', async () => {
		const data = new DashboardData(new Activity(), { table: false });
		await data.show(db, 1, withLevers('tariffs'));
		const full = await queryShown(db, withLevers('tariffs'));
		expect(data.shown?.rows).toEqual([]);
		expect(data.shown?.rowsBehind).toBeUndefined();
		expect({ ...data.shown, rows: full.rows }).toEqual(full);
	});

	it('re-sorting the rows asks the database nothing, where a page with the table asks', async () => {
		const without = await sortByTitle(false);
		expect(without.queries).toBe(0);
		expect(without.data.shown?.query).toEqual(byTitle);
		const withTable = await sortByTitle(true);
		expect(withTable.queries).toBeGreaterThan(0);
		expect(withTable.data.shown?.rows.map((row) => row.title)).toEqual(
			(await queryShown(db, byTitle)).rows.map((row) => row.title)
		);
	});
});
