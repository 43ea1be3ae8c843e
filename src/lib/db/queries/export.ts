import type { EventField } from '$lib/model/event';
import type { Filter } from '$lib/state/filter';
import type { Connector } from '../connector';
import { filterCondition } from '../filter-sql';
import { sql, type Sql } from '../sql';

/** One filtered event as the event format writes it: lists are `;`-separated ids or labels. */
export type ExportEventRow = { [field in EventField]: string | null } & {
	[column: string]: string | null;
};

/** Every event the filter keeps, earliest first (then in file order), with every field. */
export function buildExportEventsQuery(filter: Filter): Sql {
	return sql`
WITH shown AS (SELECT * FROM events e WHERE ${filterCondition(filter)}),
ids AS (
  SELECT ea.event_id,
         string_agg(ea.actor_id, ';' ORDER BY ea.position) FILTER (WHERE ea.role = 'actor') AS actors,
         string_agg(ea.actor_id, ';' ORDER BY ea.position) FILTER (WHERE ea.role = 'target') AS targets
  FROM event_actors ea JOIN shown ON shown.id = ea.event_id
  GROUP BY ea.event_id
)
SELECT e.id, e.date, e.end_date, e.title, e.summary, i.actors, i.targets, e.lever, e.lever_id,
       e.status, e.source, e.source_url, e.source_date, e.quote,
       CASE WHEN len(e.tags) = 0 THEN NULL ELSE array_to_string(e.tags, ';') END AS tags
FROM shown e LEFT JOIN ids i ON i.event_id = e.id
ORDER BY e.start_day, e.ord`;
}

export function exportEvents(db: Connector, filter: Filter): Promise<ExportEventRow[]> {
	return db.query<ExportEventRow>(buildExportEventsQuery(filter));
}
