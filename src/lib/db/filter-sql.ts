import type { Filter } from '$lib/state/filter';
import { join, list, sql, type Sql } from './sql';

/**
 * The WHERE condition for events (aliased `e`) that a filter keeps. This is the only place a
 * filter becomes SQL; every value is bound as a parameter.
 */
export function filterCondition(filter: Filter): Sql {
	const conditions: Sql[] = [];
	if (filter.actors.length > 0) {
		conditions.push(
			sql`e.id IN (SELECT event_id FROM event_actors WHERE actor_id IN (${list(filter.actors)}))`
		);
	}
	if (filter.levers.length > 0) conditions.push(sql`e.lever IN (${list(filter.levers)})`);
	if (filter.status.length > 0) conditions.push(sql`e.status IN (${list(filter.status)})`);
	if (filter.from !== undefined) conditions.push(sql`e.end_day >= CAST(${filter.from} AS DATE)`);
	if (filter.to !== undefined) conditions.push(sql`e.start_day <= CAST(${filter.to} AS DATE)`);
	const q = filter.q?.trim().toLowerCase();
	if (q) {
		conditions.push(
			sql`(contains(lower(e.title), ${q}) OR contains(lower(coalesce(e.summary, '')), ${q}) OR contains(lower(coalesce(e.source, '')), ${q}))`
		);
	}
	return conditions.length === 0 ? sql`TRUE` : join(conditions, ' AND ');
}
