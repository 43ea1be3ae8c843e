import { DatabaseLost, type Connector } from '$lib/db/connector';
import type { Crossfilter } from '$lib/crossfilter/crossfilter';
import { dayNumber, type Selection } from '$lib/crossfilter/selection';
import type { Summary } from '$lib/crossfilter/summarise';
import { firstPassing, tablePage } from '$lib/crossfilter/table-page';
import { binsOf, contextPage } from '$lib/crossfilter/timeline-context';
import { counts, type Counts } from '$lib/db/queries/counts';
import { eventDetails, type EventDetails } from '$lib/db/queries/details';
import { eventRows, eventRowsByOrd, type EventRow } from '$lib/db/queries/event-rows';
import { networkRows, type NetworkLimits, type NetworkRows } from '$lib/db/queries/network';
import { datasetExtent, datasetOptions, type DatasetOptions } from '$lib/db/queries/options';
import {
	timelineRows,
	type TimelineEventRow,
	type TimelinePageRow
} from '$lib/db/queries/timeline';
import {
	binScale,
	timelineBins,
	timelineTotal,
	type TimelineBins
} from '$lib/db/queries/timeline-bins';
import type { PlacedNode } from '$lib/views/network/layout';
import { MAX_ACTOR_LANES } from '$lib/views/timeline/lanes';
import { tableFromTimeline, timelineEvent } from './table-from-timeline';
import { brokenViews, type View } from './test-hooks';
import type { Filter } from './filter';
import type { ViewQuery } from './url';

/** Rows the events table shows at most; the counts always cover everything. */
export const TABLE_LIMIT = 500;
/** Events the timeline draws one by one at most; beyond, it draws counts per period. */
export const TIMELINE_LIMIT = 5_000;
/**
 * Periods the timeline's counts are split into over the dataset's extent: a few days each
 * for a decade, finer than a screen's pixels until the person zooms in a few times.
 */
export const TIMELINE_BINS = 1_000;
/**
 * What the network draws at most: the busiest actors and the strongest links among them. A
 * canvas draws and pans this many at frame rate, and the layout worker places them in about a
 * second (README, "Speed").
 */
export const NETWORK_LIMITS: NetworkLimits = { actors: 2_000, links: 20_000 };

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
	/**
	 * Set when `rows` answer an earlier query: the table was off screen, so the change did not
	 * wait for its rows (DESIGN.md: `lw:update` waits for the visible views), and they follow.
	 */
	rowsBehind?: true;
	network: NetworkRows;
	timeline: TimelineShown;
	details: EventDetails | undefined;
	/**
	 * The network's positions when they were computed ahead: the build bakes them into the
	 * shipped dataset's first view, whose paint then does not wait for the layout.
	 */
	placed?: PlacedNode[];
}

/** The timeline's events one by one when few enough, or counts per lane and period. */
export type TimelineShown =
	{ kind: 'events'; events: TimelineEventRow[] } | { kind: 'bins'; bins: TimelineBins };

/** Runs `run`, or returns what an earlier run under the same key gave. */
export type Remember = <T>(key: string, run: () => Promise<T>) => Promise<T>;

const runAlways: Remember = (_key, run) => run();

export interface QueryOptions {
	/** A cache of earlier answers, by the key of each query's inputs. */
	remember?: Remember;
	/** The dataset's in-memory index, once built: it answers all but the database's text. */
	crossfilter?: Crossfilter;
	/** Events the timeline draws one by one at most. */
	timelineLimit?: number;
	/**
	 * When the table's rows are wanted: `now` with the other views; `later` leaves them out,
	 * marked `rowsBehind` (the caller keeps the rows it shows and `queryTable` brings them up to
	 * date); `never` leaves them out for a page without the table, such as an embed.
	 */
	rows?: 'now' | 'later' | 'never';
}

type Settled<T> = { value: T } | { error: string };

/** The table's rows for a query, or why they could not be had. */
export interface TableShown {
	rows: EventRow[];
	error?: string;
}

/** A view's query, unless a test has made it fail. */
const part = <T>(view: View, run: () => Promise<T>): Promise<Settled<T>> =>
	settle(
		brokenViews.get(view) === 'query'
			? Promise.reject(new Error('its query was made to fail by a test'))
			: run()
	);

const rowsKey = (query: ViewQuery) =>
	`rows|${JSON.stringify(query.filter)}|${query.sort.key}|${query.sort.descending}`;

/** Whether the table shows the same rows for both queries (a selection or lanes aside). */
export const sameRows = (a: ViewQuery, b: ViewQuery) => rowsKey(a) === rowsKey(b);

/** The table's rows from the database alone, before the index is built. */
const databaseRows = (db: Connector, query: ViewQuery, remember: Remember) =>
	remember(rowsKey(query), () => eventRows(db, query.filter, query.sort, TABLE_LIMIT));

/**
 * Every view's query for one view query. Keys name each query's inputs, so a cache can tell
 * that selecting an event or re-sorting the table leaves the filter's queries as they were.
 */
export async function queryShown(
	db: Connector,
	query: ViewQuery,
	{
		remember = runAlways,
		crossfilter,
		timelineLimit = TIMELINE_LIMIT,
		rows: rowsWanted = 'now'
	}: QueryOptions = {}
): Promise<Shown> {
	const filterKey = JSON.stringify(query.filter);
	const withRows = rowsWanted === 'now';
	const views = crossfilter
		? await indexedViews(db, crossfilter, query, remember, timelineLimit, withRows)
		: {
				counts: () => remember(`counts|${filterKey}`, () => counts(db, query.filter)),
				rows: () => databaseRows(db, query, remember),
				network: () =>
					remember(`network|${filterKey}`, () => networkRows(db, query.filter, NETWORK_LIMITS)),
				timeline: () => queryTimeline(db, query, remember, timelineLimit)
			};
	const [options, c, rows, network, timeline, details] = await Promise.all([
		remember('options', () => datasetOptions(db)),
		views.counts(),
		// The index's views leave the rows out only when asked to.
		withRows ? part('rows', views.rows!) : { value: [] },
		part('network', views.network),
		part('timeline', views.timeline),
		query.sel
			? part('details', () => remember(`details|${query.sel}`, () => eventDetails(db, query.sel!)))
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
		...(rowsWanted === 'later' ? { rowsBehind: true } : {}),
		network: brokenLayout(value('network', network, { nodes: [], edges: [], relations: [] })),
		timeline: value<TimelineShown>('timeline', timeline, { kind: 'events', events: [] }),
		details: value('details', details, undefined)
	};
}

/** The table's rows alone for `query`: what a table left behind (`rowsBehind`) catches up with. */
export async function queryTable(
	db: Connector,
	query: ViewQuery,
	{ remember = runAlways, crossfilter, timelineLimit = TIMELINE_LIMIT }: QueryOptions = {}
): Promise<TableShown> {
	const rows = crossfilter
		? async () => {
				const table = await indexedTable(crossfilter, query, remember, timelineLimit);
				return indexedRows(db, crossfilter, query, remember, table);
			}
		: () => databaseRows(db, query, remember);
	const result = await part('rows', rows);
	return 'error' in result ? { rows: [], error: result.error } : { rows: result.value };
}

/** What the table's page of rows needs from the index, found before any pass over events. */
interface IndexedTable {
	selection: Selection;
	/** The sort's order, or undefined if it failed (the rows then fail with its error). */
	order: { value: Int32Array | undefined } | undefined;
	ordered: Promise<Int32Array | undefined>;
	/** Events the timeline covers, its time range aside. */
	total: number;
	/** The timeline's events one by one, when few enough: the table's page is among them. */
	drawn: Promise<TimelinePageRow[]> | undefined;
}

async function indexedTable(
	crossfilter: Crossfilter,
	query: ViewQuery,
	remember: Remember,
	timelineLimit: number,
	withRows = true
): Promise<IndexedTable> {
	const contextKey = untimedKey(query.filter);
	const selection = await crossfilter.select(query.filter);
	// Another sort's order is a database query: not worth it for rows nobody is shown yet.
	const ordered = withRows ? crossfilter.order(query.sort) : Promise.resolve(undefined);
	const order = await ordered.then(
		(value) => ({ value }),
		() => undefined
	);
	const total = crossfilter.total(contextKey, selection);
	// When the timeline draws every event, the table's page is among them: one query fetches
	// both (table-from-timeline.ts), and a failure fails both. Async, as the rows' query, so
	// that a throw becomes the views' error rather than the page's.
	const drawn =
		total <= timelineLimit
			? remember(`timeline-by-ord|${contextKey}|${timelineLimit}`, async () => {
					const page = contextPage(crossfilter.index, selection, timelineLimit);
					return crossfilter.timelineRows(page.ords, page.days);
				})
			: undefined;
	return { selection, order, ordered, total, drawn };
}

/** The table's page of rows: fetched by ord, or taken from the timeline's events. */
function indexedRows(
	db: Connector,
	crossfilter: Crossfilter,
	query: ViewQuery,
	remember: Remember,
	{ selection, order, ordered, drawn }: IndexedTable
): Promise<EventRow[]> {
	return remember(rowsKey(query), async () => {
		// Rejects with the order's own error (a lost database included).
		if (!order) return ordered.then((): EventRow[] => []);
		const page = tablePage(crossfilter.index, selection, TABLE_LIMIT, order.value);
		if (drawn) return tableFromTimeline(await drawn, page.ords, crossfilter.index.actors);
		return eventRowsByOrd(db, page.ords, page.days, query.sort);
	});
}

/**
 * The same views from the in-memory index: counts, network and the timeline's bins are a pass
 * over typed arrays. The database only fetches the table's page of rows or, when the timeline
 * is short enough to draw events one by one, those events (kept while the brush moves), which
 * the table's page is then among.
 */
async function indexedViews(
	db: Connector,
	crossfilter: Crossfilter,
	query: ViewQuery,
	remember: Remember,
	timelineLimit: number,
	withRows: boolean
) {
	const filter = query.filter;
	const filterKey = JSON.stringify(filter);
	const contextKey = untimedKey(filter);
	const table = await indexedTable(crossfilter, query, remember, timelineLimit, withRows);
	const { selection, total, drawn } = table;
	// The table's page needs no pass over the events: the database fetches its rows (or the
	// timeline's events) while the passes below run.
	const rows = withRows ? indexedRows(db, crossfilter, query, remember, table) : undefined;
	let timeline: () => Promise<TimelineShown>;
	let summary: Summary;
	if (drawn) {
		summary = crossfilter.summary(filterKey, contextKey, selection, NETWORK_LIMITS);
		timeline = async () => ({
			kind: 'events',
			events: (await drawn).map((row) => withRange(timelineEvent(row), selection))
		});
	} else {
		// More events than the limit means the dataset is not empty, so it has an extent.
		const extent = (await remember('extent', () => datasetExtent(db)))!;
		const scale = binScale(extent, TIMELINE_BINS);
		const bins = crossfilter.contextBins(
			contextKey,
			selection,
			scale,
			query.lanes,
			MAX_ACTOR_LANES
		);
		summary = crossfilter.summary(
			`${filterKey}|${query.lanes}`,
			contextKey,
			selection,
			NETWORK_LIMITS,
			bins.split
		);
		timeline = async () => ({ kind: 'bins', bins: binsOf(bins, summary.inRange, scale, total) });
	}
	return {
		counts: async () => summary.counts,
		// Remembered by filter alone: the summary's key also holds the timeline's lanes, and
		// switching lanes must not hand the network a new (equal) object to lay out again.
		network: () => remember(`network|${filterKey}`, async () => summary.network),
		timeline,
		rows: rows && (() => rows)
	};
}

/** A timeline event marked inside or outside the time range, as timeline.ts marks it in SQL. */
function withRange(row: TimelineEventRow, selection: Selection): TimelineEventRow {
	const inside =
		dayNumber(row.end_day) >= selection.from && dayNumber(row.start_day) <= selection.to;
	return row.in_range === inside ? row : { ...row, in_range: inside };
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

/**
 * Exact events when the timeline covers at most `limit` of them, counts per lane and period
 * otherwise, chosen by counting first. The count ignores the time range (the timeline shows
 * the context around its brush), so brushing reuses it; bins depend on the lanes choice too.
 */
export async function queryTimeline(
	db: Connector,
	query: ViewQuery,
	remember: Remember = runAlways,
	limit = TIMELINE_LIMIT
): Promise<TimelineShown> {
	const filterKey = JSON.stringify(query.filter);
	const contextKey = untimedKey(query.filter);
	const total = await remember(`timeline-total|${contextKey}`, () =>
		timelineTotal(db, query.filter)
	);
	if (total <= limit) {
		const events = await remember(`timeline|${filterKey}|${limit}`, () =>
			timelineRows(db, query.filter, limit)
		);
		return { kind: 'events', events };
	}
	const extent = await remember('extent', () => datasetExtent(db));
	// More events than the limit means the dataset is not empty, so it has an extent.
	const scale = binScale(extent!, TIMELINE_BINS);
	const bins = await remember(`timeline-bins|${filterKey}|${query.lanes}`, () =>
		timelineBins(db, query.filter, {
			scale,
			total,
			by: query.lanes,
			actorLanes: MAX_ACTOR_LANES
		})
	);
	return { kind: 'bins', bins };
}

/** A filter without its time range, as a key: what the timeline's events depend on. */
export const untimedKey = (filter: Filter) =>
	JSON.stringify({ ...filter, from: undefined, to: undefined });

/** First and last day of the period the timeline shows, when zoomed in. */
export interface TimelineWindow {
	first: string;
	last: string;
}

/** Exact events for the period the timeline is zoomed in to, when it holds few enough. */
export interface TimelineZoomed {
	/** The filter but its time range (as `untimedKey`), and the period, this answers. */
	contextKey: string;
	window: TimelineWindow;
	/** Undefined when the period holds more events than the timeline draws one by one. */
	events: TimelineEventRow[] | undefined;
}

/**
 * The events of the period in view alone, so that zooming in on counts ends in exact marks once
 * few enough events are in view: found in the index (stopping past `limit`), fetched by ord.
 */
export async function queryTimelineWindow(
	crossfilter: Crossfilter,
	query: ViewQuery,
	window: TimelineWindow,
	remember: Remember = runAlways,
	limit = TIMELINE_LIMIT
): Promise<TimelineZoomed> {
	const contextKey = untimedKey(query.filter);
	const inWindow = await crossfilter.select({
		...query.filter,
		from: window.first,
		to: window.last
	});
	const page = firstPassing(crossfilter.index, inWindow, limit + 1);
	if (page.ords.length > limit) return { contextKey, window, events: undefined };
	const rows = await remember(`timeline-window|${contextKey}|${window.first}|${window.last}`, () =>
		crossfilter.timelineRows(page.ords, page.days)
	);
	const selection = await crossfilter.select(query.filter);
	return {
		contextKey,
		window,
		events: rows.map((row) => withRange(timelineEvent(row), selection))
	};
}
