import type { Filter } from '$lib/state/filter';
import type { Connector } from '../connector';
import { filterCondition, shownOnly } from '../filter-sql';
import { sql, type Sql } from '../sql';

/** What is shown: events, network nodes (distinct actors and targets) and actor → target pairs. */
export interface Counts {
	events: number;
	actors: number;
	edges: number;
}

export function buildCountsQuery(filter: Filter): Sql {
	return sql`
WITH shown AS (SELECT e.ord FROM events e WHERE ${filterCondition(filter)})
SELECT
  (SELECT count(*) FROM shown) AS events,
  (SELECT count(DISTINCT p.actor) FROM taking_part p WHERE ${shownOnly(filter, 'p')}) AS actors,
  (SELECT count(*) FROM (
     SELECT DISTINCT p.source, p.target FROM pairs p WHERE ${shownOnly(filter, 'p')})) AS edges`;
}

export async function counts(db: Connector, filter: Filter): Promise<Counts> {
	const [row] = await db.query<{ events: number; actors: number; edges: number }>(
		buildCountsQuery(filter)
	);
	return { events: row?.events ?? 0, actors: row?.actors ?? 0, edges: row?.edges ?? 0 };
}
