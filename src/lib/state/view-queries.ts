import type { Connector } from '$lib/db/connector';
import { counts, type Counts } from '$lib/db/queries/counts';
import { eventDetails, type EventDetails } from '$lib/db/queries/details';
import { eventRows, type EventRow } from '$lib/db/queries/event-rows';
import { networkRows, type NetworkRows } from '$lib/db/queries/network';
import { datasetOptions, type DatasetOptions } from '$lib/db/queries/options';
import { timelineRows, type TimelineEventRow } from '$lib/db/queries/timeline';
import type { ViewQuery } from './url';

/** Rows the events table shows at most; the counts always cover everything. */
export const TABLE_LIMIT = 500;
/** Events the timeline draws at most, earliest first. */
export const TIMELINE_LIMIT = 5_000;
/** Actors the network draws at most, busiest first. */
export const NETWORK_LIMIT = 500;

/** Everything the views show for one view query, committed at once so the views agree. */
export interface Shown {
	query: ViewQuery;
	options: DatasetOptions;
	counts: Counts;
	rows: EventRow[];
	network: NetworkRows;
	timeline: TimelineEventRow[];
	details: EventDetails | undefined;
}

/** Runs `run`, or returns what an earlier run under the same key gave. */
export type Remember = <T>(key: string, run: () => Promise<T>) => Promise<T>;

const runAlways: Remember = (_key, run) => run();

/**
 * Every view's query for one view query. Keys name each query's inputs, so a cache can tell
 * that selecting an event or re-sorting the table leaves the filter's queries as they were.
 */
export async function queryShown(
	db: Connector,
	query: ViewQuery,
	remember: Remember = runAlways
): Promise<Shown> {
	const filterKey = JSON.stringify(query.filter);
	const [options, c, rows, network, timeline, details] = await Promise.all([
		remember('options', () => datasetOptions(db)),
		remember(`counts|${filterKey}`, () => counts(db, query.filter)),
		remember(`rows|${filterKey}|${query.sort.key}|${query.sort.descending}`, () =>
			eventRows(db, query.filter, query.sort, TABLE_LIMIT)
		),
		remember(`network|${filterKey}`, () => networkRows(db, query.filter, NETWORK_LIMIT)),
		remember(`timeline|${filterKey}`, () => timelineRows(db, query.filter, TIMELINE_LIMIT)),
		query.sel
			? remember(`details|${query.sel}`, () => eventDetails(db, query.sel!))
			: Promise.resolve(undefined)
	]);
	return { query, options, counts: c, rows, network, timeline, details };
}
