import type { Table } from 'apache-arrow';
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
 */
export interface IndexColumns {
	/**
	 * One row per event, by first day and then file order: ord, start, end, lever, status; in
	 * tables of consecutive days, in order.
	 */
	events: Table[];
	/** Lever and status texts by code, in SQL order with NULL last. */
	levers: (string | null)[];
	statuses: (string | null)[];
	/** One row per event and actor taking part: ord, actor (code), role (1 actor, 2 target, 3 both). */
	taking: Table[];
	/** One row per event, actor and target: ord, source, target (codes). */
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
SELECT e.ord, ${raw(DAY('e.start_day'))} AS start, ${raw(DAY('e.end_day'))} AS "end",
       l.code AS lever, s.code AS status
FROM events e
JOIN levers l ON l.value IS NOT DISTINCT FROM e.lever
JOIN statuses s ON s.value IS NOT DISTINCT FROM e.status
WHERE ${days('e.start_day')}
ORDER BY e.start_day, e.ord`;

/**
 * Rows read per query, at most: three million events' columns in one query (sorted, or 5.5M rows
 * of who takes part) added ~90 MB to the database's peak memory, which the browser keeps.
 */
export const INDEX_SLICE_ROWS = 500_000;

const TAKING = `
SELECT ord, actor,
       CAST((CASE WHEN as_actor THEN 1 ELSE 0 END) + (CASE WHEN as_target THEN 2 ELSE 0 END) AS TINYINT) AS role
FROM taking_part`;

const PAIRS = `SELECT ord, source, target FROM pairs`;

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
		sql`SELECT e.ord FROM events e WHERE ${filterCondition({ actors: [], levers: [], status: [], q })}`
	);
	return int32(table, 'ord');
}

/** Every event's ord in the events table's order for `sort`. */
export async function sortedOrds(db: Connector, sort: EventSort): Promise<Int32Array> {
	const table = await db.table(sql`SELECT e.ord FROM events e ORDER BY ${eventOrder(sort)}`);
	return int32(table, 'ord');
}

/** A column of tables read one after the other, as one Int32Array. */
export function int32s(tables: readonly Table[], name: string): Int32Array {
	if (tables.length === 1) return int32(tables[0]!, name);
	const parts = tables.map((table) => int32(table, name));
	const all = new Int32Array(parts.reduce((length, part) => length + part.length, 0));
	let at = 0;
	for (const part of parts) {
		all.set(part, at);
		at += part.length;
	}
	return all;
}

/** A column as an Int32Array (nulls read as 0; the columns read this way have none). */
export function int32(table: Table, name: string): Int32Array {
	const column = table.getChild(name);
	if (!column) return new Int32Array(0);
	const values = column.toArray() as ArrayLike<number>;
	return values instanceof Int32Array ? values : Int32Array.from(values);
}
