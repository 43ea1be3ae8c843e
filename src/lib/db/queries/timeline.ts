import type { DatePrecision } from '$lib/model/event';
import type { Filter } from '$lib/state/filter';
import type { Connector } from '../connector';
import { chosenEvents, filterCondition, rangeConditions } from '../filter-sql';
import { join, raw, sql, type Sql } from '../sql';
import { participantsByOrd } from './participants';

/** What the timeline draws of an event itself. */
interface TimelineFields {
	[column: string]: string | number | boolean | null | string[];
	id: string;
	date: string;
	date_precision: DatePrecision;
	end_date: string | null;
	/** First and last day of the event's span, `YYYY-MM-DD`. */
	start_day: string;
	end_day: string;
	title: string;
	lever: string | null;
	lever_id: string | null;
	status: string | null;
	/** Whether the event falls in the filter's time range (the timeline shows the rest dimmed). */
	in_range: boolean;
}

/** An event as the timeline draws it. */
export interface TimelineEventRow extends TimelineFields {
	/** Actor and target ids, in file order. */
	actors: string[];
	targets: string[];
}

/** The columns the timeline draws from, named for the reason event-rows.ts gives. */
const PAGE_COLUMNS = raw(
	'e.id, e.ord, e.date, e.date_precision, e.end_date, e.start_day, e.end_day, e.title, e.lever, e.lever_id, e.status'
);

/** The timeline's events of CTE `page` with their actor ids (`ea` rows `taking` picks). */
function timelineOfPage(page: Sql, taking: Sql): Sql {
	return sql`
WITH page AS (${page}),
ids AS (
  SELECT ea.event_id,
         list(ea.actor_id ORDER BY ea.position) FILTER (WHERE ea.role = 'actor') AS actors,
         list(ea.actor_id ORDER BY ea.position) FILTER (WHERE ea.role = 'target') AS targets
  FROM event_actors ea WHERE ${taking}
  GROUP BY ea.event_id
)
SELECT e.id, e.date, e.date_precision, e.end_date, e.start_day, e.end_day, e.title, e.lever,
       e.lever_id, e.status, coalesce(i.actors, []) AS actors, coalesce(i.targets, []) AS targets,
       e.in_range
FROM page e LEFT JOIN ids i ON i.event_id = e.id
ORDER BY e.start_day, e.ord`;
}

/**
 * The timeline is not narrowed by its own clause, the time range: it keeps the context
 * around its brush and marks what lies inside. Every other filter applies.
 */
export function buildTimelineQuery(filter: Filter, limit: number): Sql {
	const range = rangeConditions(filter);
	const inRange = range.length === 0 ? sql`TRUE` : join(range, ' AND ');
	return timelineOfPage(
		sql`SELECT ${PAGE_COLUMNS}, ${inRange} AS in_range FROM events e
  WHERE ${filterCondition({ ...filter, from: undefined, to: undefined })}
  ORDER BY e.start_day, e.ord LIMIT ${limit}`,
		sql`ea.ord IN (SELECT ord FROM page)`
	);
}

/**
 * A timeline event chosen by the in-memory index, with what the events table shows of it
 * besides: when the timeline draws every event, the table's page is among them
 * (table-from-timeline.ts).
 */
export interface TimelinePageRow extends TimelineEventRow {
	ord: number;
	source: string | null;
	source_url: string | null;
}

export function timelineRows(
	db: Connector,
	filter: Filter,
	limit: number
): Promise<TimelineEventRow[]> {
	return db.query<TimelineEventRow>(buildTimelineQuery(filter, limit));
}

/**
 * The timeline's events chosen by the in-memory index, all marked in range (the index marks
 * the range itself); `days` bounds their first days. Their participants come as a query of
 * their own (participants.ts).
 */
export async function timelineRowsByOrd(
	db: Connector,
	ords: readonly number[],
	days: { first: string; last: string }
): Promise<TimelinePageRow[]> {
	if (ords.length === 0) return [];
	const [rows, taking] = await Promise.all([
		db.query<TimelineFields & { ord: number; source: string | null; source_url: string | null }>(
			sql`SELECT ${PAGE_COLUMNS}, e.source, e.source_url, TRUE AS in_range FROM events e
  WHERE ${chosenEvents('e', ords, days)} ORDER BY e.start_day, e.ord`
		),
		participantsByOrd(db, ords, days, 'id')
	]);
	return rows.map((row) => ({ ...row, ...taking(row.ord) }));
}
