import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { loadDataset } from '../../src/lib/db/load';
import { exportEvents } from '../../src/lib/db/queries/export';
import { EVENT_FIELDS } from '../../src/lib/model/event';
import { parseCsv } from '../../src/lib/ingest/csv';
import { validateDataset } from '../../src/lib/model/validate';
import { eventsToCsv } from '../../src/lib/export/csv';
import { NO_FILTER } from '../../src/lib/state/filter';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';
import { startNodeDuckDB } from '../helpers/node-duckdb';

const raw = readCsvDataset(join(FIXTURES, 'mini'));
const mini = validateDataset(raw).dataset;

let db: Connector;

beforeAll(async () => {
	db = await startNodeDuckDB();
	await loadDataset(db, mini);
});

describe('exportEvents', () => {
	it('returns every field of every event, earliest first, lists as ;-separated ids', async () => {
		const rows = await exportEvents(db, NO_FILTER);
		expect(rows.map((row) => row.id)).toEqual(['e3', 'e1', 'e2', 'e4']);
		expect(Object.keys(rows[0]!)).toEqual([...EVENT_FIELDS]);
		expect(rows[0]).toEqual({
			id: 'e3',
			date: '2023',
			end_date: '2024-02-15',
			title: 'Gamma controls',
			summary: 'A long period',
			actors: 'us;eu',
			targets: 'cn;ru',
			lever: 'export_controls',
			lever_id: 'gamma',
			status: 'in_force',
			source: 'Journal',
			source_url: null,
			source_date: null,
			quote: null,
			tags: 'a;b'
		});
		expect(rows[1]).toMatchObject({
			source_url: 'https://example.org/a',
			source_date: '2024-05-03',
			tags: null
		});
		// An event without targets has none, not an empty list.
		expect(rows[3]).toMatchObject({ id: 'e4', actors: 'ru', targets: null });
	});

	it('keeps only what the filter keeps', async () => {
		const rows = await exportEvents(db, { ...NO_FILTER, actors: ['ru'], from: '2024-01-01' });
		expect(rows.map((row) => row.id)).toEqual(['e3', 'e4']);
		expect(await exportEvents(db, { ...NO_FILTER, q: 'no such text' })).toEqual([]);
	});

	it('writes a CSV that loads back as the same events', async () => {
		const csv = eventsToCsv(await exportEvents(db, NO_FILTER));
		const again = validateDataset({ events: parseCsv(csv), actors: raw.actors }).dataset;
		const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
		expect([...again.events].sort(byId)).toEqual([...mini.events].sort(byId));
	});
});
