import type { Filter } from '$lib/state/filter';
import type { Connector } from '../connector';
import { filterCondition, shownOnly } from '../filter-sql';
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
 * How much of a network is drawn: the busiest `actors`, and among them the `links` strongest
 * actor → target → lever links. Beyond a couple of thousand actors a node-link picture stops
 * being readable (and laid out in time); the counts still cover everyone.
 */
export interface NetworkLimits {
	actors: number;
	links: number;
}

/**
 * The filtered events, and the actors taking part in them, busiest first, at most `limit`.
 * Works on the integer-keyed tables (load.ts).
 */
const shownAndTop = (filter: Filter, limit: number) => sql`
shown AS (SELECT e.ord FROM events e WHERE ${filterCondition(filter)}),
top AS (
  SELECT p.actor, count(*) AS events, count(*) FILTER (WHERE p.as_actor) AS as_actor,
         count(*) FILTER (WHERE p.as_target) AS as_target
  FROM taking_part p WHERE ${shownOnly(filter, 'p')}
  GROUP BY p.actor ORDER BY events DESC, p.actor LIMIT ${limit})`;

export function buildNetworkNodesQuery(filter: Filter, limits: NetworkLimits): Sql {
	return sql`
WITH ${shownAndTop(filter, limits.actors)}
SELECT c.id, coalesce(a.name, c.id) AS name, a.kind, a.country,
       top.events, top.as_actor, top.as_target
FROM top JOIN actor_codes c ON c.code = top.actor LEFT JOIN actors a ON a.id = c.id
ORDER BY top.events DESC, c.id`;
}

/** Links among the drawn actors, per lever, strongest first, at most `limits.links`. */
export function buildNetworkEdgesQuery(filter: Filter, limits: NetworkLimits): Sql {
	return sql`
WITH ${shownAndTop(filter, limits.actors)},
links AS (
  SELECT p.source, p.target, p.lever, count(*) AS events
  FROM pairs p
  WHERE ${shownOnly(filter, 'p')}
    AND p.source IN (SELECT actor FROM top) AND p.target IN (SELECT actor FROM top)
  GROUP BY ALL
  ORDER BY events DESC, p.source, p.target, p.lever NULLS LAST
  LIMIT ${limits.links}
)
SELECT s.id AS source, t.id AS target, links.lever, links.events
FROM links JOIN actor_codes s ON s.code = links.source JOIN actor_codes t ON t.code = links.target
ORDER BY source, target, lever NULLS LAST`;
}

export function buildNetworkRelationsQuery(filter: Filter, limits: NetworkLimits): Sql {
	return sql`
WITH ${shownAndTop(filter, limits.actors)},
drawn AS (SELECT c.id FROM top JOIN actor_codes c ON c.code = top.actor)
SELECT DISTINCT r.from_id AS source, r.to_id AS target, r.kind
FROM relations r
WHERE r.from_id IN (SELECT id FROM drawn) AND r.to_id IN (SELECT id FROM drawn)
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
	limits: NetworkLimits
): Promise<NetworkRows> {
	const [nodes, edges, relations] = await Promise.all([
		db.query<NetworkNodeRow>(buildNetworkNodesQuery(filter, limits)),
		db.query<NetworkEdgeRow>(buildNetworkEdgesQuery(filter, limits)),
		db.query<NetworkRelationRow>(buildNetworkRelationsQuery(filter, limits))
	]);
	return { nodes, edges, relations };
}
