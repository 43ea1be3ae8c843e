import { Table } from 'apache-arrow';
import type { Dataset } from '$lib/model/validate';
import { intVector, textVector } from './arrow-build';
import type { Connector } from './connector';
import { dayCounts, daySlices, sliceStarts, type DayCount } from './day-slices';
import { raw, sql, type Sql } from './sql';

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

/** The dataset's tables; each is built as `staged_<name>` and renamed into place. */
const TABLES = [
	'events',
	'event_actors',
	'actors',
	'relations',
	'actor_codes',
	'taking_part',
	'pairs'
] as const;

/**
 * Relations (table names or parenthesised queries, always the app's own text) holding a
 * dataset as text columns: events with `ord` and `start_day`/`end_day` as 'YYYY-MM-DD', lists
 * joined by U+001F; one row per event and participant; actors; relations.
 */
export interface TextSources {
	events: string;
	eventActors: string;
	actors: string;
	relations: string;
}

/** The shipped dataset's text as it arrives through Arrow. */
const LOADED: TextSources = {
	events: 'loaded_events',
	eventActors: 'loaded_event_actors',
	actors: 'loaded_actors',
	relations: 'loaded_relations'
};

const dropStaged = [...TABLES.map((name) => `staged_${name}`), ...Object.values(LOADED)]
	.map((name) => `DROP TABLE IF EXISTS ${name};`)
	.join('\n');

/**
 * Events staged per statement, at most: DuckDB sorts and groups a statement's rows, and holds
 * them uncompressed, until the statement commits them compressed. Three million events in one
 * statement took ~1.2 GB of wasm memory at the peak; in slices of this size, the import of 3M
 * synthetic events peaks at 358 MB (429 MB in slices of 500,000, the peak of the whole import).
 */
export const STAGED_SLICE_ROWS = 250_000;

/**
 * One slice's rows of every per-event table, from its events in `sources` whose first day is
 * within `days` (a condition on a `start_day` column). The first slice creates the tables.
 *
 * `events` and `event_actors` are stored in date order: a page of the table by date is then a
 * few blocks of rows, which DuckDB finds by their date bounds instead of reading every block
 * (event-rows.ts). The compact tables are integer-keyed copies of who takes part in which event,
 * for the views' aggregates (joins and groupings on integers instead of text ids are what keeps
 * millions of events interactive): `taking_part` has one row per event and actor, `pairs` one per
 * event, actor and target.
 */
function sliceStatements(sources: TextSources, days: (column: string) => Sql, first: boolean) {
	const into = (table: string) =>
		raw(first ? `CREATE OR REPLACE TABLE ${table} AS` : `INSERT INTO ${table}`);
	return [
		sql`${into('staged_events')}
  SELECT id, ord, date, date_precision, CAST(start_day AS DATE) AS start_day, end_date,
         CAST(end_day AS DATE) AS end_day, title, summary, lever, lever_id, status, source,
         source_url, source_date, quote,
         CASE WHEN tags = '' THEN []::VARCHAR[] ELSE string_split(tags, ${UNIT}) END AS tags
  FROM ${raw(sources.events)}
  WHERE ${days('CAST(start_day AS DATE)')}
  ORDER BY CAST(start_day AS DATE), ord`,
		sql`${into('staged_event_actors')}
  SELECT ea.event_id, ea.ord, ea.actor_id, ea.role, ea.position, e.start_day
  FROM ${raw(sources.eventActors)} ea JOIN staged_events e ON e.ord = ea.ord
  WHERE ${days('e.start_day')}
  ORDER BY e.start_day, ea.ord, ea.role, ea.position`,
		sql`${into('staged_taking_part')}
  SELECT ea.ord, c.code AS actor, bool_or(ea.role = 'actor') AS as_actor,
         bool_or(ea.role = 'target') AS as_target
  FROM staged_event_actors ea JOIN staged_actor_codes c ON c.id = ea.actor_id
  WHERE ${days('ea.start_day')}
  GROUP BY ea.ord, c.code`,
		sql`${into('staged_pairs')}
  SELECT s.ord, s.actor AS source, t.actor AS target, e.lever
  FROM staged_events e
  JOIN staged_taking_part s ON s.ord = e.ord AND s.as_actor
  JOIN staged_taking_part t ON t.ord = e.ord AND t.as_target
  WHERE ${days('e.start_day')}`
	];
}

/**
 * Builds every `staged_*` table, typed and ordered as the views read them, from a dataset's
 * text: the tables the swap renames into place, so building them is the only copy. Per-event
 * tables go in slices of days, in day order (`rowsPerSlice`).
 */
export async function stageTyped(
	db: Connector,
	sources: TextSources,
	rowsPerSlice = STAGED_SLICE_ROWS
): Promise<void> {
	const days = await db.query<DayCount>(dayCounts(sources.events));
	// Actors numbered in id order, so that ordering by code is ordering by id.
	await db.run(sql`CREATE OR REPLACE TABLE staged_actor_codes AS
  SELECT CAST(row_number() OVER (ORDER BY actor_id) AS INTEGER) AS code, actor_id AS id
  FROM (SELECT DISTINCT actor_id FROM ${raw(sources.eventActors)})`);
	const slices = daySlices(sliceStarts(days, rowsPerSlice));
	for (const [i, within] of slices.entries()) {
		for (const statement of sliceStatements(sources, within, i === 0)) await db.run(statement);
	}
	await db.exec(`
CREATE OR REPLACE TABLE staged_actors AS
  SELECT id, name, kind, country,
         CASE WHEN aliases = '' THEN []::VARCHAR[] ELSE string_split(aliases, '${UNIT}') END AS aliases,
         description
  FROM ${sources.actors};
CREATE OR REPLACE TABLE staged_relations AS SELECT * FROM ${sources.relations};
`);
}

/** The staged tables renamed into place, at once. */
const SWAP_STATEMENTS = `
BEGIN TRANSACTION;
${TABLES.map((name) => `DROP TABLE IF EXISTS ${name};`).join('\n')}
${TABLES.map((name) => `ALTER TABLE staged_${name} RENAME TO ${name};`).join('\n')}
COMMIT;
`;

/**
 * Replaces the loaded dataset with the one whose text `prepare` makes readable as `sources`.
 * Staging happens aside and the swap in one transaction, so a failure at any step leaves the
 * current dataset as it was.
 */
export async function replaceDataset(
	db: Connector,
	sources: TextSources,
	prepare: () => Promise<void>
): Promise<void> {
	try {
		await db.exec(dropStaged);
		await prepare();
		await stageTyped(db, sources);
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
	return replaceDataset(db, LOADED, async () => {
		await db.insertArrow(LOADED.events, stageEvents(dataset));
		await db.insertArrow(LOADED.eventActors, stageParticipants(dataset));
		await db.insertArrow(LOADED.actors, stageActors(dataset));
		await db.insertArrow(LOADED.relations, stageRelations(dataset));
	});
}
