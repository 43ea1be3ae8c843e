import type { Connector } from '../connector';
import { sql } from '../sql';

/** What a filter can choose from in the loaded dataset, with how many events each has. */
export interface ActorOption {
	[column: string]: string | number | null;
	id: string;
	name: string;
	kind: string | null;
	country: string | null;
	events: number;
}

export interface ValueOption {
	[column: string]: string | number;
	value: string;
	events: number;
}

export interface DatasetOptions {
	actors: ActorOption[];
	levers: ValueOption[];
	statuses: ValueOption[];
	/** First and last day any event covers, or null for an empty dataset. */
	extent: { first: string; last: string } | null;
}

/**
 * Counted on `taking_part` (one row per event and actor, integers): counting distinct event ids
 * per actor held every id in a hash table, ~280 MB of wasm memory at 3M events, kept for good.
 */
const ACTORS = sql`
WITH taking AS (
  SELECT c.id, t.events
  FROM (SELECT actor, count(*) AS events FROM taking_part GROUP BY actor) t
  JOIN actor_codes c ON c.code = t.actor)
SELECT a.id, a.name, a.kind, a.country, coalesce(t.events, 0) AS events
FROM actors a LEFT JOIN taking t ON t.id = a.id
ORDER BY events DESC, lower(a.name), a.id`;

const LEVERS = sql`
SELECT lever AS value, count(*) AS events FROM events WHERE lever IS NOT NULL GROUP BY lever ORDER BY events DESC`;

const STATUSES = sql`
SELECT status AS value, count(*) AS events FROM events WHERE status IS NOT NULL GROUP BY status ORDER BY events DESC`;

const EXTENT = sql`SELECT min(start_day) AS first, max(end_day) AS last FROM events`;

/** First and last day any event covers, or null for an empty dataset. */
export async function datasetExtent(
	db: Connector
): Promise<{ first: string; last: string } | null> {
	const [range] = await db.query<{ first: string | null; last: string | null }>(EXTENT);
	return range?.first && range.last ? { first: range.first, last: range.last } : null;
}

export async function datasetOptions(db: Connector): Promise<DatasetOptions> {
	const [actors, levers, statuses, extent] = await Promise.all([
		db.query<ActorOption>(ACTORS),
		db.query<ValueOption>(LEVERS),
		db.query<ValueOption>(STATUSES),
		datasetExtent(db)
	]);
	return { actors, levers, statuses, extent };
}
