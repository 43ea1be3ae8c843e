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

const shown = (filter: Filter) =>
	sql`shown AS (SELECT e.id, e.lever FROM events e WHERE ${filterCondition(filter)})`;

export function buildNetworkNodesQuery(filter: Filter): Sql {
	return sql`
WITH ${shown(filter)},
taking_part AS (SELECT ea.event_id, ea.actor_id, ea.role FROM event_actors ea JOIN shown ON shown.id = ea.event_id)
SELECT p.actor_id AS id, coalesce(any_value(a.name), p.actor_id) AS name,
       any_value(a.kind) AS kind, any_value(a.country) AS country,
       count(DISTINCT p.event_id) AS events,
       count(DISTINCT p.event_id) FILTER (WHERE p.role = 'actor') AS as_actor,
       count(DISTINCT p.event_id) FILTER (WHERE p.role = 'target') AS as_target
FROM taking_part p LEFT JOIN actors a ON a.id = p.actor_id
GROUP BY p.actor_id
ORDER BY events DESC, id`;
}

export function buildNetworkEdgesQuery(filter: Filter): Sql {
	return sql`
WITH ${shown(filter)}
SELECT s.actor_id AS source, t.actor_id AS target, shown.lever, count(DISTINCT shown.id) AS events
FROM shown
JOIN event_actors s ON s.event_id = shown.id AND s.role = 'actor'
JOIN event_actors t ON t.event_id = shown.id AND t.role = 'target'
GROUP BY ALL
ORDER BY source, target, shown.lever NULLS LAST`;
}

export function buildNetworkRelationsQuery(filter: Filter): Sql {
	return sql`
WITH ${shown(filter)},
nodes AS (SELECT DISTINCT ea.actor_id FROM event_actors ea JOIN shown ON shown.id = ea.event_id)
SELECT DISTINCT r.from_id AS source, r.to_id AS target, r.kind
FROM relations r
WHERE r.from_id IN (SELECT actor_id FROM nodes) AND r.to_id IN (SELECT actor_id FROM nodes)
ORDER BY source, target, kind`;
}

export interface NetworkRows {
	nodes: NetworkNodeRow[];
	edges: NetworkEdgeRow[];
	relations: NetworkRelationRow[];
}

export async function networkRows(db: Connector, filter: Filter): Promise<NetworkRows> {
	const [nodes, edges, relations] = await Promise.all([
		db.query<NetworkNodeRow>(buildNetworkNodesQuery(filter)),
		db.query<NetworkEdgeRow>(buildNetworkEdgesQuery(filter)),
		db.query<NetworkRelationRow>(buildNetworkRelationsQuery(filter))
	]);
	return { nodes, edges, relations };
}
