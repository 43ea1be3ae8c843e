import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { sliceStarts } from '../../src/lib/db/day-slices';
import { stageTyped, type TextSources } from '../../src/lib/db/load';
import { sql } from '../../src/lib/db/sql';
import { startNodeDuckDB } from '../helpers/node-duckdb';

describe('sliceStarts', () => {
	const days = [
		{ day: '2025-01-01', n: 3 },
		{ day: '2025-01-02', n: 1 },
		{ day: '2025-01-03', n: 5 },
		{ day: '2025-01-04', n: 1 },
		{ day: '2025-01-05', n: 1 }
	];

	it('cuts between days so that slices stay under the size, never inside a day', () => {
		expect(sliceStarts(days, 4)).toEqual(['2025-01-03', '2025-01-04']);
		// A day with more events than a slice holds is a slice of its own.
		expect(sliceStarts(days, 2)).toEqual(['2025-01-02', '2025-01-03', '2025-01-04']);
	});

	it('keeps everything in one slice when it fits, or when there is nothing', () => {
		expect(sliceStarts(days, 11)).toEqual([]);
		expect(sliceStarts([], 5)).toEqual([]);
	});
});

describe('stageTyped', () => {
	let db: Connector;
	const sources: TextSources = {
		events: 'text_events',
		eventActors: 'text_event_actors',
		actors: 'text_actors',
		relations: 'text_relations'
	};

	beforeAll(async () => {
		db = await startNodeDuckDB();
		// Out of date order, two days with several events, one of them ended later.
		await db.exec(`
CREATE TABLE text_events AS SELECT * FROM (VALUES
  ('e1', 0, '2025-03', 'month', '2025-03-01', NULL, '2025-03-31', 'one', 'x', 'a'),
  ('e2', 1, '2025-01-02', 'day', '2025-01-02', NULL, '2025-01-02', 'two', 'x', ''),
  ('e3', 2, '2025-01-01', 'day', '2025-01-01', '2025-02-01', '2025-02-01', 'three', NULL, ''),
  ('e4', 3, '2025-01-02', 'day', '2025-01-02', NULL, '2025-01-02', 'four', 'y', 'b' || chr(31) || 'c'),
  ('e5', 4, '2025-01-01', 'day', '2025-01-01', NULL, '2025-01-01', 'five', 'y', ''),
  ('e6', 5, '2024', 'year', '2024-01-01', NULL, '2024-12-31', 'six', 'z', '')
) AS t(id, ord, date, date_precision, start_day, end_date, end_day, title, lever, tags),
  (SELECT NULL AS summary, NULL AS lever_id, NULL AS status, NULL AS source, NULL AS source_url,
          NULL AS source_date, NULL AS quote);
CREATE TABLE text_event_actors AS
  SELECT id AS event_id, 'us' AS actor_id, 'actor' AS role, 0 AS position, ord FROM text_events
  UNION ALL
  SELECT id, 'cn', 'target', 0, ord FROM text_events WHERE ord % 2 = 0;
CREATE TABLE text_actors AS SELECT 'us' AS id, 'United States' AS name, NULL AS kind,
  NULL AS country, '' AS aliases, NULL AS description;
CREATE TABLE text_relations (from_id VARCHAR, to_id VARCHAR, kind VARCHAR, since VARCHAR,
  until VARCHAR, source VARCHAR, source_url VARCHAR);
`);
	});

	const staged = async () => ({
		events: await db.query(
			sql`SELECT id, CAST(start_day AS VARCHAR) AS start_day, CAST(end_day AS VARCHAR) AS end_day, tags FROM staged_events ORDER BY rowid`
		),
		eventActors: await db.query(
			sql`SELECT event_id, actor_id, CAST(start_day AS VARCHAR) AS start_day FROM staged_event_actors ORDER BY rowid`
		),
		takingPart: await db.query(sql`FROM staged_taking_part ORDER BY ord, actor`),
		pairs: await db.query(sql`FROM staged_pairs ORDER BY ord, source, target`)
	});

	it('builds typed tables in date order, the same in slices as in one statement', async () => {
		await stageTyped(db, sources);
		const whole = await staged();
		expect(whole.events.map((e) => e.id)).toEqual(['e6', 'e3', 'e5', 'e2', 'e4', 'e1']);
		expect(whole.events[1]).toEqual({
			id: 'e3',
			start_day: '2025-01-01',
			end_day: '2025-02-01',
			tags: []
		});
		expect(whole.events[4]!.tags).toEqual(['b', 'c']);
		// Participants in their events' order, then actors before targets.
		expect(whole.eventActors.map((e) => `${e.event_id} ${e.actor_id}`)).toEqual([
			'e6 us',
			'e3 us',
			'e3 cn',
			'e5 us',
			'e5 cn',
			'e2 us',
			'e4 us',
			'e1 us',
			'e1 cn'
		]);
		expect(whole.takingPart).toHaveLength(6 + 3);
		expect(whole.pairs.map((p) => p.ord)).toEqual([0, 2, 4]);

		await stageTyped(db, sources, 2);
		expect(await staged()).toEqual(whole);
	});
});
