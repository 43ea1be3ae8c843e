import { Table } from 'apache-arrow';
import type { Dataset } from '$lib/model/validate';
import { intVector, textVector } from './arrow-build';
import type { Connector } from './connector';

/** Separates list items inside one staged text column; it cannot occur in CSV or typed text. */
const UNIT = '\u001f';

type Column = (string | undefined)[];

function textTable(columns: Record<string, Column>, numbers: Record<string, number[]> = {}): Table {
	const vectors = Object.fromEntries([
		...Object.entries(columns).map(([name, values]) => [name, textVector(values)]),
		...Object.entries(numbers).map(([name, values]) => [name, intVector(values)])
	]);
	return new Table(vectors);
}

function stageEvents(dataset: Dataset): Table {
	const events = dataset.events;
	return textTable(
		{
			id: events.map((e) => e.id),
			date: events.map((e) => e.date.text),
			date_precision: events.map((e) => e.date.precision),
			start_day: events.map((e) => e.date.first),
			end_date: events.map((e) => e.end_date?.text),
			end_day: events.map((e) => (e.end_date ?? e.date).last),
			title: events.map((e) => e.title),
			summary: events.map((e) => e.summary),
			lever: events.map((e) => e.lever),
			lever_id: events.map((e) => e.lever_id),
			status: events.map((e) => e.status),
			source: events.map((e) => e.source),
			source_url: events.map((e) => e.source_url),
			source_date: events.map((e) => e.source_date?.text),
			quote: events.map((e) => e.quote),
			tags: events.map((e) => e.tags.join(UNIT))
		},
		{ ord: events.map((_, i) => i) }
	);
}

function stageParticipants(dataset: Dataset): Table {
	const rows = dataset.events.flatMap((event, ord) => [
		...event.actors.map((actor, i) => [event.id, actor, 'actor', i, ord] as const),
		...event.targets.map((target, i) => [event.id, target, 'target', i, ord] as const)
	]);
	return textTable(
		{
			event_id: rows.map((r) => r[0]),
			actor_id: rows.map((r) => r[1]),
			role: rows.map((r) => r[2])
		},
		{ position: rows.map((r) => r[3]), ord: rows.map((r) => r[4]) }
	);
}

function stageActors(dataset: Dataset): Table {
	const actors = dataset.actors;
	return textTable({
		id: actors.map((a) => a.id),
		name: actors.map((a) => a.name),
		kind: actors.map((a) => a.kind),
		country: actors.map((a) => a.country),
		aliases: actors.map((a) => a.aliases.join(UNIT)),
		description: actors.map((a) => a.description)
	});
}

function stageRelations(dataset: Dataset): Table {
	const relations = dataset.relations;
	return textTable({
		from_id: relations.map((r) => r.from),
		to_id: relations.map((r) => r.to),
		kind: relations.map((r) => r.kind),
		since: relations.map((r) => r.since?.text),
		until: relations.map((r) => r.until?.text),
		source: relations.map((r) => r.source),
		source_url: relations.map((r) => r.source_url)
	});
}

const STAGED = ['events', 'event_actors', 'actors', 'relations'] as const;

const dropStaged = STAGED.map((name) => `DROP TABLE IF EXISTS staged_${name};`).join('\n');

/**
 * Integer-keyed copies of who takes part in which event, for the views' aggregates: joins and
 * groupings on integers instead of text ids are what keeps millions of events interactive.
 * `actor_codes` numbers actors in id order, so ordering by code is ordering by id.
 * `taking_part` has one row per event and actor; `pairs` one per event, actor and target.
 */
const COMPACT_TABLES = `
CREATE OR REPLACE TABLE actor_codes AS
  SELECT CAST(row_number() OVER (ORDER BY actor_id) AS INTEGER) AS code, actor_id AS id
  FROM (SELECT DISTINCT actor_id FROM staged_event_actors);
CREATE OR REPLACE TABLE taking_part AS
  SELECT ea.ord, c.code AS actor, bool_or(ea.role = 'actor') AS as_actor,
         bool_or(ea.role = 'target') AS as_target
  FROM staged_event_actors ea
  JOIN actor_codes c ON c.id = ea.actor_id
  GROUP BY ea.ord, c.code;
CREATE OR REPLACE TABLE pairs AS
  SELECT s.ord, s.actor AS source, t.actor AS target, e.lever
  FROM taking_part s
  JOIN taking_part t ON t.ord = s.ord AND t.as_target
  JOIN staged_events e ON e.ord = s.ord
  WHERE s.as_actor;
`;

/** Typed tables built from the staged text, then swapped in for the current ones at once. */
const SWAP_STATEMENTS = `
BEGIN TRANSACTION;
CREATE OR REPLACE TABLE events AS
  SELECT id, ord, date, date_precision, CAST(start_day AS DATE) AS start_day, end_date,
         CAST(end_day AS DATE) AS end_day, title, summary, lever, lever_id, status, source,
         source_url, source_date,  quote,
         CASE WHEN tags = '' THEN []::VARCHAR[] ELSE string_split(tags, '${UNIT}') END AS tags
  FROM staged_events
  -- Stored in date order: a page of the table by date is then a few blocks of rows, which
  -- DuckDB finds by their date bounds instead of reading every block (event-rows.ts).
  ORDER BY CAST(start_day AS DATE), ord;
CREATE OR REPLACE TABLE event_actors AS
  SELECT ea.event_id, ea.ord, ea.actor_id, ea.role, ea.position, CAST(e.start_day AS DATE) AS start_day
  FROM staged_event_actors ea JOIN staged_events e ON e.ord = ea.ord
  ORDER BY start_day, ea.ord, ea.role, ea.position;
CREATE OR REPLACE TABLE actors AS
  SELECT id, name, kind, country,
         CASE WHEN aliases = '' THEN []::VARCHAR[] ELSE string_split(aliases, '${UNIT}') END AS aliases,
         description
  FROM staged_actors;
CREATE OR REPLACE TABLE relations AS SELECT * FROM staged_relations;
${COMPACT_TABLES}
COMMIT;
`;

/**
 * Replaces the loaded dataset with the one staged in `staged_*` tables by `stage`. Staging
 * happens aside and the swap in one transaction, so a failure at any step leaves the current
 * dataset as it was.
 */
export async function replaceDataset(db: Connector, stage: () => Promise<void>): Promise<void> {
	try {
		await db.exec(dropStaged);
		await stage();
		await db.exec(SWAP_STATEMENTS);
	} catch (error) {
		await db.exec('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		await db.exec(dropStaged).catch(() => undefined);
	}
}

/** Loads a validated dataset (the shipped one) through Arrow. */
export function loadDataset(db: Connector, dataset: Dataset): Promise<void> {
	return replaceDataset(db, async () => {
		await db.insertArrow('staged_events', stageEvents(dataset));
		await db.insertArrow('staged_event_actors', stageParticipants(dataset));
		await db.insertArrow('staged_actors', stageActors(dataset));
		await db.insertArrow('staged_relations', stageRelations(dataset));
	});
}
