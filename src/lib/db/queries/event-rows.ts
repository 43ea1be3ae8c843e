import type { DatePrecision } from '$lib/model/event';
import type { EventSort, EventSortKey } from '$lib/state/event-sort';
import type { Filter } from '$lib/state/filter';
import type { Connector } from '../connector';
import { chosenEvents, filterCondition } from '../filter-sql';
import { raw, sql, type Sql } from '../sql';
import { participantsByOrd } from './participants';

/** What a row of the events table shows of the event itself. */
interface EventFields {
	[column: string]: string | number | null | string[];
	id: string;
	date: string;
	date_precision: DatePrecision;
	end_date: string | null;
	title: string;
	lever: string | null;
	lever_id: string | null;
	status: string | null;
	source: string | null;
	source_url: string | null;
}

/** One row of the events table, with actor names resolved. */
export interface EventRow extends EventFields {
	actors: string[];
	targets: string[];
}

/** Sort keys map to fixed SQL; ties fall back to date and then file order, so order is stable. */
const ORDER: Record<EventSortKey, string> = {
	date: 'e.start_day',
	title: 'lower(e.title)',
	lever: 'e.lever',
	status: 'e.status',
	source: 'lower(e.source)'
};

/**
 * The columns a page of rows needs, the sort's included. Named rather than `*`: DuckDB keeps a
 * CTE's result whole, and reading the long text (summary, quote) of rows spread over a large
 * table tripled the fetch (615 against 217 ms for 1,638 events of 3M).
 */
const PAGE_COLUMNS = raw(
	'e.id, e.ord, e.date, e.date_precision, e.end_date, e.start_day, e.title, e.lever, e.lever_id, e.status, e.source, e.source_url'
);

/** The table's order for `sort`, over events aliased `e`. */
export function eventOrder(sort: EventSort): Sql {
	const direction = raw(sort.descending ? 'DESC' : 'ASC');
	return sql`${raw(ORDER[sort.key])} ${direction} NULLS LAST, e.start_day ${direction}, e.ord`;
}

/**
 * The table's rows for the events of CTE `page`, with the names of the actors taking part
 * (`ea` rows that `taking` picks: those of the page's events), in `order`.
 */
function rowsOfPage(page: Sql, taking: Sql, order: Sql): Sql {
	return sql`
WITH page AS (${page}),
names AS (
  SELECT ea.event_id,
         list(coalesce(a.name, ea.actor_id) ORDER BY ea.position) FILTER (WHERE ea.role = 'actor') AS actors,
         list(coalesce(a.name, ea.actor_id) ORDER BY ea.position) FILTER (WHERE ea.role = 'target') AS targets
  FROM event_actors ea
  LEFT JOIN actors a ON a.id = ea.actor_id
  WHERE ${taking}
  GROUP BY ea.event_id
)
SELECT e.id, e.date, e.date_precision, e.end_date, e.title, e.lever, e.lever_id, e.status,
       e.source, e.source_url,
       coalesce(n.actors, []) AS actors, coalesce(n.targets, []) AS targets
FROM page e LEFT JOIN names n ON n.event_id = e.id
ORDER BY ${order}`;
}

export function buildEventRowsQuery(filter: Filter, sort: EventSort, limit: number): Sql {
	const order = eventOrder(sort);
	return rowsOfPage(
		sql`SELECT ${PAGE_COLUMNS} FROM events e WHERE ${filterCondition(filter)} ORDER BY ${order} LIMIT ${limit}`,
		sql`ea.ord IN (SELECT ord FROM page)`,
		order
	);
}

export function eventRows(
	db: Connector,
	filter: Filter,
	sort: EventSort,
	limit: number
): Promise<EventRow[]> {
	return db.query<EventRow>(buildEventRowsQuery(filter, sort, limit));
}

/**
 * The table's rows for the events the in-memory index chose, in the table's order for `sort`;
 * `days` bounds their first days (filter-sql.ts, `chosenEvents`). Their participants come as a
 * query of their own (participants.ts).
 */
export async function eventRowsByOrd(
	db: Connector,
	ords: readonly number[],
	days: { first: string; last: string },
	sort: EventSort
): Promise<EventRow[]> {
	if (ords.length === 0) return [];
	const [rows, taking] = await Promise.all([
		db.query<EventFields & { ord: number }>(
			sql`SELECT ${PAGE_COLUMNS} FROM events e WHERE ${chosenEvents('e', ords, days)} ORDER BY ${eventOrder(sort)}`
		),
		participantsByOrd(db, ords, days, 'name')
	]);
	return rows.map((row) => ({
		id: row.id,
		date: row.date,
		date_precision: row.date_precision,
		end_date: row.end_date,
		title: row.title,
		lever: row.lever,
		lever_id: row.lever_id,
		status: row.status,
		source: row.source,
		source_url: row.source_url,
		...taking(row.ord)
	}));
}
