import { parseCalendarDate } from '$lib/model/dates';
import type { Filter } from '$lib/state/filter';
import { dayLiteral, integerSet, join, list, raw, sql, type Sql } from './sql';

/**
 * The time-range part of a filter on its own: the timeline shows events around its brush and
 * uses this to mark those inside it. A bound at month or year precision covers the whole span.
 */
export function rangeConditions(filter: Pick<Filter, 'from' | 'to'>): Sql[] {
	const from = filter.from === undefined ? undefined : parseCalendarDate(filter.from)?.first;
	const to = filter.to === undefined ? undefined : parseCalendarDate(filter.to)?.last;
	const conditions: Sql[] = [];
	if (from !== undefined) conditions.push(sql`e.end_day >= CAST(${from} AS DATE)`);
	if (to !== undefined) conditions.push(sql`e.start_day <= CAST(${to} AS DATE)`);
	return conditions;
}

/**
 * The WHERE condition for events (aliased `e`) that a filter keeps. This is the only place a
 * filter becomes SQL; every value is bound as a parameter.
 */
export function filterCondition(filter: Filter): Sql {
	const conditions: Sql[] = [];
	if (filter.actors.length > 0) {
		conditions.push(
			sql`e.ord IN (SELECT p.ord FROM taking_part p JOIN actor_codes c ON c.code = p.actor WHERE c.id IN (${list(filter.actors)}))`
		);
	}
	if (filter.levers.length > 0) conditions.push(sql`e.lever IN (${list(filter.levers)})`);
	if (filter.status.length > 0) conditions.push(sql`e.status IN (${list(filter.status)})`);
	conditions.push(...rangeConditions(filter));
	const q = filter.q?.trim().toLowerCase();
	if (q) {
		conditions.push(
			sql`(contains(lower(e.title), ${q}) OR contains(lower(coalesce(e.summary, '')), ${q}) OR contains(lower(coalesce(e.source, '')), ${q}))`
		);
	}
	return conditions.length === 0 ? sql`TRUE` : join(conditions, ' AND ');
}

/**
 * Restricts a compact table (aliased `alias`, keyed by `ord`) to the events of CTE `shown`;
 * nothing when the filter keeps everything, so the unfiltered view skips the join.
 */
export function shownOnly(filter: Filter, alias: string): Sql {
	return isEmptyFilter(filter) ? sql`TRUE` : sql`${raw(alias)}.ord IN (SELECT ord FROM shown)`;
}

function isEmptyFilter(filter: Filter): boolean {
	return filterCondition(filter).text === 'TRUE';
}

/**
 * Rows (aliased `alias`) of the events the in-memory index chose, by ord. Events and their
 * participants are stored in date order (load.ts), so bounding the first days lets DuckDB
 * skip every block outside them. Days and ords go in as checked literals (sql.ts), so the
 * query has no parameters to prepare.
 */
export function chosenEvents(
	alias: string,
	ords: readonly number[],
	days: { first: string; last: string }
): Sql {
	return sql`${raw(alias)}.start_day BETWEEN ${dayLiteral(days.first)} AND ${dayLiteral(days.last)}
    AND ${raw(alias)}.ord IN (${integerSet(ords)})`;
}
