import type { Filter } from '$lib/state/filter';
import type { Connector } from '../connector';
import { filterCondition } from '../filter-sql';
import { sql, type Sql } from '../sql';

/** An actor taking part in the filtered events. */
export interface NetworkNodeRow {
	[column: string]: string | number | null;
	id: string;
	name: string;
	kind: string | null;
	country: string | null;
	/** Filtered events the actor takes part in, as actor or target. */
	events: number;
	as_actor: number;
	as_target: number;
}

/** Filtered events in which `source` acts on `target` through one lever type. */
export interface NetworkEdgeRow {
	[column: string]: string | number | null;
	source: string;
	target: string;
	lever: string | null;
	events: number;
}

/** A relation from the actors' data between two actors that are both in the network. */
export interface NetworkRelationRow {
	[column: string]: string | null;
	source: string;
	target: string;
	kind: string;
}

/**
 * The filtered events, and the actors taking part in them, busiest first, at most `limit`:
 * beyond a few hundred actors a node-link picture stops being readable, and the counts and
 * the table alternative still cover everyone.
 */
const shownAndTop = (filter: Filter, limit: number) => sql`
shown AS (SELECT e.id, e.lever FROM events e WHERE ${filterCondition(filter)}),
taking_part AS (SELECT ea.event_id, ea.actor_id, ea.role FROM event_actors ea JOIN shown ON shown.id = ea.event_id),
top AS (
  SELECT actor_id, count(DISTINCT event_id) AS events,
         count(DISTINCT event_id) FILTER (WHERE role = 'actor') AS as_actor,
         count(DISTINCT event_id) FILTER (WHERE role = 'target') AS as_target
  FROM taking_part GROUP BY actor_id ORDER BY events DESC, actor_id LIMIT ${limit})`;

export function buildNetworkNodesQuery(filter: Filter, limit: number): Sql {
	return sql`
WITH ${shownAndTop(filter, limit)}
SELECT top.actor_id AS id, coalesce(a.name, top.actor_id) AS name, a.kind, a.country,
       top.events, top.as_actor, top.as_target
FROM top LEFT JOIN actors a ON a.id = top.actor_id
ORDER BY top.events DESC, id`;
}

/**
 * Links among the drawn actors, strongest first, at most eight per drawn actor: enough to show
 * the structure, few enough to lay out and draw at once.
 */
export function buildNetworkEdgesQuery(filter: Filter, limit: number): Sql {
	return sql`
WITH ${shownAndTop(filter, limit)},
links AS (
  SELECT s.actor_id AS source, t.actor_id AS target, shown.lever, count(DISTINCT shown.id) AS events
  FROM shown
  JOIN event_actors s ON s.event_id = shown.id AND s.role = 'actor'
  JOIN event_actors t ON t.event_id = shown.id AND t.role = 'target'
  WHERE s.actor_id IN (SELECT actor_id FROM top) AND t.actor_id IN (SELECT actor_id FROM top)
  GROUP BY ALL
  ORDER BY events DESC, source, target, shown.lever NULLS LAST
  LIMIT ${limit * 8}
)
SELECT * FROM links ORDER BY source, target, lever NULLS LAST`;
}

export function buildNetworkRelationsQuery(filter: Filter, limit: number): Sql {
	return sql`
WITH ${shownAndTop(filter, limit)}
SELECT DISTINCT r.from_id AS source, r.to_id AS target, r.kind
FROM relations r
WHERE r.from_id IN (SELECT actor_id FROM top) AND r.to_id IN (SELECT actor_id FROM top)
ORDER BY source, target, kind`;
}

export interface NetworkRows {
	nodes: NetworkNodeRow[];
	edges: NetworkEdgeRow[];
	relations: NetworkRelationRow[];
}

export async function networkRows(
	db: Connector,
	filter: Filter,
	limit: number
): Promise<NetworkRows> {
	const [nodes, edges, relations] = await Promise.all([
		db.query<NetworkNodeRow>(buildNetworkNodesQuery(filter, limit)),
		db.query<NetworkEdgeRow>(buildNetworkEdgesQuery(filter, limit)),
		db.query<NetworkRelationRow>(buildNetworkRelationsQuery(filter, limit))
	]);
	return { nodes, edges, relations };
}
