import type { Connector } from '../connector';
import { chosenEvents } from '../filter-sql';
import { raw, sql } from '../sql';

/** Who takes part in an event, each list in file order. */
export interface Participants {
	actors: string[];
	targets: string[];
}

/**
 * The participants of the events the in-memory index chose (`days` bounds their first days),
 * by ord: actor ids, or names for the events table (an actor without one goes by its id).
 *
 * Read as plain rows and grouped here: DuckDB's ordered, filtered `list()` per event was most
 * of the cost. At 1M events a table page of 500 took 24 ms that way and 16 ms this way, the
 * timeline's events of a tail actor (up to 5,000) 153 and 126 ms (medians, DuckDB-wasm in Node).
 */
export async function participantsByOrd(
	db: Connector,
	ords: readonly number[],
	days: { first: string; last: string },
	as: 'id' | 'name'
): Promise<(ord: number) => Participants> {
	const named = as === 'name';
	const rows = await db.query<{ ord: number; role: string; who: string }>(
		sql`SELECT ea.ord, ea.role, ${raw(named ? 'coalesce(a.name, ea.actor_id)' : 'ea.actor_id')} AS who
  FROM event_actors ea ${raw(named ? 'LEFT JOIN actors a ON a.id = ea.actor_id' : '')}
  WHERE ${chosenEvents('ea', ords, days)} ORDER BY ea.ord, ea.position`
	);
	const byOrd = new Map<number, Participants>();
	for (const { ord, role, who } of rows) {
		let taking = byOrd.get(ord);
		if (!taking) byOrd.set(ord, (taking = { actors: [], targets: [] }));
		(role === 'actor' ? taking.actors : taking.targets).push(who);
	}
	return (ord) => byOrd.get(ord) ?? { actors: [], targets: [] };
}
