import { DatabaseLost, type Connector } from '$lib/db/connector';
import { counts, type Counts } from '$lib/db/queries/counts';
import { eventDetails, type EventDetails } from '$lib/db/queries/details';
import { eventRows, type EventRow } from '$lib/db/queries/event-rows';
import { networkRows, type NetworkRows } from '$lib/db/queries/network';
import { datasetOptions, type DatasetOptions } from '$lib/db/queries/options';
import { timelineRows, type TimelineEventRow } from '$lib/db/queries/timeline';
import { brokenViews, type View } from './test-hooks';
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
	/**
	 * Views whose query failed, with the reason: each shows it in its own box (with its data
	 * left empty) while the others go on. Options and counts cannot fail alone: they are the page.
	 */
	failed: Partial<Record<View, string>>;
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

type Settled<T> = { value: T } | { error: string };

/**
 * Every view's query for one view query. Keys name each query's inputs, so a cache can tell
 * that selecting an event or re-sorting the table leaves the filter's queries as they were.
 */
export async function queryShown(
	db: Connector,
	query: ViewQuery,
	remember: Remember = runAlways
): Promise<Shown> {
	const part = <T>(view: View, key: string, run: () => Promise<T>): Promise<Settled<T>> =>
		settle(
			brokenViews.get(view) === 'query'
				? Promise.reject(new Error('its query was made to fail by a test'))
				: remember(key, run)
		);
	const filterKey = JSON.stringify(query.filter);
	const [options, c, rows, network, timeline, details] = await Promise.all([
		remember('options', () => datasetOptions(db)),
		remember(`counts|${filterKey}`, () => counts(db, query.filter)),
		part('rows', `rows|${filterKey}|${query.sort.key}|${query.sort.descending}`, () =>
			eventRows(db, query.filter, query.sort, TABLE_LIMIT)
		),
		part('network', `network|${filterKey}`, () => networkRows(db, query.filter, NETWORK_LIMIT)),
		part('timeline', `timeline|${filterKey}`, () => timelineRows(db, query.filter, TIMELINE_LIMIT)),
		query.sel
			? part('details', `details|${query.sel}`, () => eventDetails(db, query.sel!))
			: Promise.resolve({ value: undefined })
	]);
	const failed: Shown['failed'] = {};
	const value = <T>(view: View, result: Settled<T>, empty: T): T => {
		if (!('error' in result)) return result.value;
		failed[view] = result.error;
		return empty;
	};
	return {
		query,
		failed,
		options,
		counts: c,
		rows: value('rows', rows, []),
		network: brokenLayout(value('network', network, { nodes: [], edges: [], relations: [] })),
		timeline: value('timeline', timeline, []),
		details: value('details', details, undefined)
	};
}

/** A view's rows, or the reason they could not be had; the engine's death still propagates. */
function settle<T>(work: Promise<T>): Promise<Settled<T>> {
	return work.then(
		(value) => ({ value }),
		(error: unknown) => {
			if (error instanceof DatabaseLost) throw error;
			return { error: error instanceof Error ? error.message : String(error) };
		}
	);
}

/** Under a test's `breakView('network', 'render')`: a link to an actor that is not there. */
function brokenLayout(network: NetworkRows): NetworkRows {
	if (brokenViews.get('network') !== 'render' || network.nodes.length === 0) return network;
	const edge = { source: network.nodes[0]!.id, target: 'no-such-actor', lever: null, events: 1 };
	return { ...network, edges: [...network.edges, edge] };
}
