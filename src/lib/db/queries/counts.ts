import type { Filter } from '$lib/state/filter';
import type { Connector } from '../connector';
import { filterCondition } from '../filter-sql';
import { sql, type Sql } from '../sql';

/** What is shown: events, network nodes (distinct actors and targets) and actor → target pairs. */
export interface Counts {
	events: number;
	actors: number;
	edges: number;
}

export function buildCountsQuery(filter: Filter): Sql {
	return sql`
WITH shown AS (SELECT e.id FROM events e WHERE ${filterCondition(filter)}),
taking_part AS (SELECT ea.event_id, ea.actor_id, ea.role FROM event_actors ea JOIN shown ON ea.event_id = shown.id)
SELECT
  (SELECT count(*) FROM shown) AS events,
  (SELECT count(DISTINCT actor_id) FROM taking_part) AS actors,
  (SELECT count(*) FROM (
     SELECT DISTINCT a.actor_id, t.actor_id
     FROM taking_part a JOIN taking_part t ON a.event_id = t.event_id
     WHERE a.role = 'actor' AND t.role = 'target')) AS edges`;
}

export async function counts(db: Connector, filter: Filter): Promise<Counts> {
	const [row] = await db.query<{ events: number; actors: number; edges: number }>(
		buildCountsQuery(filter)
	);
	return { events: row?.events ?? 0, actors: row?.actors ?? 0, edges: row?.edges ?? 0 };
}
