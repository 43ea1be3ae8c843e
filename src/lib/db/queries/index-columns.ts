import type { Table, Vector } from 'apache-arrow';
import type { EventSort } from '$lib/state/event-sort';
import type { Connector } from '../connector';
import { filterCondition } from '../filter-sql';
import { dayCounts, daySlices, sliceStarts, type DayCount } from '../day-slices';
import { raw, sql, type Sql } from '../sql';
import { eventOrder } from './event-rows';

/**
 * The loaded dataset as integer columns, for the in-memory index (src/lib/crossfilter) that
 * answers filter and brush changes without asking the database. Text becomes codes numbered in
 * the database's own sort order, so ordering by code is ordering as SQL would.
 *
 * Events, taking and pairs come in slices, each a table of one row whose `rows` list holds the
 * slice's rows as structs (`sliceColumn` reads them). Rows as such would arrive as one Arrow
 * batch per 2,048: at three million events, ~130 MB of objects to decode them on the page, and
 * columns copied out of the batches, leaving the results as garbage the page keeps until a
 * collection. A list arrives as one batch whose columns are views into one buffer, handed whole
 * to the worker that builds the index. `textMatches` and `sortedOrds` gather lists for the same
 * reason.
 */
export interface IndexColumns {
	/**
	 * Slices of consecutive days, in order, each listing its events by first day and then file
	 * order: ord, start, end, lever, status.
	 */
	events: Table[];
	/** Lever and status texts by code, in SQL order with NULL last. */
	levers: (string | null)[];
	statuses: (string | null)[];
	/** Slices listing each event and actor taking part: ord, actor (code), role (1 actor, 2 target, 3 both). */
	taking: Table[];
	/** Slices listing each event, actor and target: ord, source, target (codes). */
	pairs: Table[];
	/** One row per actor code, in code order: id, name, kind, country, name_rank. */
	actors: Table;
	/** Relations between actors that take part in events, as codes, in SQL order. */
	relations: Table;
}

/** Integer day numbers (days since 1970-01-01), which the index compares and bins. */
const DAY = (column: string) => `CAST(${column} - DATE '1970-01-01' AS INTEGER)`;

const codes = (column: 'lever' | 'status') => `
  SELECT ${column} AS value, CAST(row_number() OVER (ORDER BY ${column} NULLS LAST) - 1 AS INTEGER) AS code
  FROM (SELECT DISTINCT ${column} FROM events)`;

const eventsWithin = (days: (column: string) => Sql) => sql`
WITH levers AS (${raw(codes('lever'))}), statuses AS (${raw(codes('status'))})
SELECT list({'ord': e.ord, 'start': ${raw(DAY('e.start_day'))}, 'end': ${raw(DAY('e.end_day'))},
             'lever': l.code, 'status': s.code} ORDER BY e.start_day, e.ord) AS rows
FROM events e
JOIN levers l ON l.value IS NOT DISTINCT FROM e.lever
JOIN statuses s ON s.value IS NOT DISTINCT FROM e.status
WHERE ${days('e.start_day')}`;

/**
 * Rows read per query, at most: three million events' columns in one query (sorted, or 5.5M rows
 * of who takes part) added ~90 MB to the database's peak memory, which the browser keeps.
 */
export const INDEX_SLICE_ROWS = 500_000;

const TAKING = `
SELECT list({'ord': ord, 'actor': actor,
             'role': CAST((CASE WHEN as_actor THEN 1 ELSE 0 END) + (CASE WHEN as_target THEN 2 ELSE 0 END) AS TINYINT)}) AS rows
FROM taking_part`;

const PAIRS = `SELECT list({'ord': ord, 'source': source, 'target': target}) AS rows FROM pairs`;

/**
 * `select` (a query of `table`, the app's own text) read in slices of consecutive ords, in no
 * particular order, as the query itself: a result of millions of rows is held twice in the
 * database's memory on its way out, and that peak is kept for good.
 */
async function bySlicesOfOrd(
	db: Connector,
	table: 'taking_part' | 'pairs',
	select: string,
	rowsPerSlice: number
): Promise<Table[]> {
	const [extent] = await db.query<{ rows: number; last: number | null }>(
		sql`SELECT count(*) AS rows, max(ord) AS last FROM ${raw(table)}`
	);
	const slices = Math.max(1, Math.ceil((extent?.rows ?? 0) / rowsPerSlice));
	const width = Math.ceil(((extent?.last ?? 0) + 1) / slices);
	const tables: Table[] = [];
	for (let i = 0; i < slices; i++) {
		const where =
			slices === 1 ? sql`` : sql` WHERE ord >= ${i * width} AND ord < ${(i + 1) * width}`;
		tables.push(await db.table(sql`${raw(select)}${where}`));
	}
	return tables;
}

const ACTORS = sql`
SELECT c.id, coalesce(a.name, c.id) AS name, a.kind, a.country,
       CAST(row_number() OVER (ORDER BY coalesce(a.name, c.id), c.id) - 1 AS INTEGER) AS name_rank
FROM actor_codes c LEFT JOIN actors a ON a.id = c.id
ORDER BY c.code`;

const RELATIONS = sql`
SELECT DISTINCT s.code AS source, t.code AS target, r.kind
FROM relations r JOIN actor_codes s ON s.id = r.from_id JOIN actor_codes t ON t.id = r.to_id
ORDER BY s.code, t.code, r.kind`;

async function codeTexts(db: Connector, column: 'lever' | 'status') {
	const rows = await db.query<{ value: string | null }>(
		sql`SELECT value FROM (${raw(codes(column))}) ORDER BY code`
	);
	return rows.map((row) => row.value);
}

export async function indexColumns(
	db: Connector,
	rowsPerSlice = INDEX_SLICE_ROWS
): Promise<IndexColumns> {
	// In turn, not at once: the columns of millions of events are large, and the database
	// answers one query at a time in any case.
	const events: Table[] = [];
	const days = await db.query<DayCount>(dayCounts('events'));
	for (const within of daySlices(sliceStarts(days, rowsPerSlice))) {
		events.push(await db.table(eventsWithin(within)));
	}
	const levers = await codeTexts(db, 'lever');
	const statuses = await codeTexts(db, 'status');
	const taking = await bySlicesOfOrd(db, 'taking_part', TAKING, rowsPerSlice);
	const pairs = await bySlicesOfOrd(db, 'pairs', PAIRS, rowsPerSlice);
	const actors = await db.table(ACTORS);
	const relations = await db.table(RELATIONS);
	return { events, levers, statuses, taking, pairs, actors, relations };
}

/** The ords of the events whose title, summary or source contains `q` (the filter's search). */
export async function textMatches(db: Connector, q: string): Promise<Int32Array> {
	const table = await db.table(
		sql`SELECT list(e.ord) AS rows FROM events e WHERE ${filterCondition({ actors: [], levers: [], status: [], q })}`
	);
	return ordsOf(table);
}

/** Every event's ord in the events table's order for `sort`. */
export async function sortedOrds(db: Connector, sort: EventSort): Promise<Int32Array> {
	const table = await db.table(
		sql`SELECT list(e.ord ORDER BY ${eventOrder(sort)}) AS rows FROM events e`
	);
	return ordsOf(table);
}

const ordsOf = (table: Table): Int32Array =>
	asInt32((listOf(table)?.toArray() as ArrayLike<number> | undefined) ?? []);

const asInt32 = (values: ArrayLike<number>): Int32Array =>
	values instanceof Int32Array ? values : Int32Array.from(values);

/** The one row's `rows` list of a query that gathers its rows in a list (null if none). */
function listOf(table: Table): Vector | null {
	return (table.getChild('rows')?.get(0) as Vector | null | undefined) ?? null;
}

/**
 * Field `name` of each slice's rows: views into the database's results, not copies, so that
 * handing their buffers to the index's worker leaves nothing behind on the page.
 */
export function sliceColumn(tables: readonly Table[], name: string): ArrayLike<number>[] {
	return tables.flatMap((table) => {
		const rows = listOf(table);
		if (!rows) return [];
		const field = rows.getChild(name);
		if (!field) throw new Error(`The index's columns have no field "${name}".`);
		return [field.toArray() as ArrayLike<number>];
	});
}

/** A column as an Int32Array (nulls read as 0; the columns read this way have none). */
export function int32(table: Table, name: string): Int32Array {
	const column = table.getChild(name);
	if (!column) return new Int32Array(0);
	return asInt32(column.toArray() as ArrayLike<number>);
}
