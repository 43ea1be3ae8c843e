import type { DatePrecision } from '$lib/model/event';
import type { Connector } from '../connector';
import { sql, type Sql } from '../sql';

export interface NamedActor {
	id: string;
	name: string;
}

/** Everything the details panel shows of one event. */
export interface EventDetails {
	id: string;
	date: string;
	date_precision: DatePrecision;
	end_date: string | null;
	title: string;
	summary: string | null;
	lever: string | null;
	lever_id: string | null;
	status: string | null;
	source: string | null;
	source_url: string | null;
	source_date: string | null;
	quote: string | null;
	tags: string[];
	actors: NamedActor[];
	targets: NamedActor[];
	previous: Neighbour | null;
	next: Neighbour | null;
}

/** The event before or after on the same lever (its `lever_id`, else its lever type). */
export interface Neighbour {
	[column: string]: string;
	id: string;
	date: string;
	title: string;
	status: string;
}

type DetailsRow = Omit<EventDetails, 'actors' | 'targets' | 'previous' | 'next'> & {
	[column: string]: string | number | null | string[];
	actor_ids: string[];
	actor_names: string[];
	target_ids: string[];
	target_names: string[];
};

export function buildEventDetailsQuery(id: string): Sql {
	return sql`
SELECT e.id, e.date, e.date_precision, e.end_date, e.title, e.summary, e.lever, e.lever_id,
       e.status, e.source, e.source_url, e.source_date, e.quote, e.tags,
       coalesce(list(ea.actor_id ORDER BY ea.position) FILTER (WHERE ea.role = 'actor'), []) AS actor_ids,
       coalesce(list(coalesce(a.name, ea.actor_id) ORDER BY ea.position) FILTER (WHERE ea.role = 'actor'), []) AS actor_names,
       coalesce(list(ea.actor_id ORDER BY ea.position) FILTER (WHERE ea.role = 'target'), []) AS target_ids,
       coalesce(list(coalesce(a.name, ea.actor_id) ORDER BY ea.position) FILTER (WHERE ea.role = 'target'), []) AS target_names
FROM events e
LEFT JOIN event_actors ea ON ea.event_id = e.id
LEFT JOIN actors a ON a.id = ea.actor_id
WHERE e.id = ${id}
GROUP BY ALL`;
}

/** Neighbours by date (then file order) among events of the same lever. */
export function buildNeighbourQuery(id: string, direction: 'previous' | 'next'): Sql {
	const before = direction === 'previous';
	const compare = before
		? sql`(o.start_day, o.ord) < (x.start_day, x.ord)`
		: sql`(o.start_day, o.ord) > (x.start_day, x.ord)`;
	const order = before ? sql`o.start_day DESC, o.ord DESC` : sql`o.start_day, o.ord`;
	return sql`
SELECT o.id, o.date, o.title, coalesce(o.status, '') AS status
FROM events x JOIN events o
  ON (CASE WHEN x.lever_id IS NOT NULL THEN o.lever_id = x.lever_id ELSE o.lever_id IS NULL AND o.lever = x.lever END)
WHERE x.id = ${id} AND ${compare}
ORDER BY ${order}
LIMIT 1`;
}

const named = (ids: string[], names: string[]): NamedActor[] =>
	ids.map((id, i) => ({ id, name: names[i] ?? id }));

export async function eventDetails(db: Connector, id: string): Promise<EventDetails | undefined> {
	const [rows, previous, next] = await Promise.all([
		db.query<DetailsRow>(buildEventDetailsQuery(id)),
		db.query<Neighbour>(buildNeighbourQuery(id, 'previous')),
		db.query<Neighbour>(buildNeighbourQuery(id, 'next'))
	]);
	const row = rows[0];
	if (!row) return undefined;
	const { actor_ids, actor_names, target_ids, target_names, ...event } = row;
	return {
		...event,
		actors: named(actor_ids, actor_names),
		targets: named(target_ids, target_names),
		previous: previous[0] ?? null,
		next: next[0] ?? null
	};
}
