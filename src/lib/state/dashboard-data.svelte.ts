import { DatabaseLost, type Connector } from '$lib/db/connector';
import { counts, type Counts } from '$lib/db/queries/counts';
import { eventDetails, type EventDetails } from '$lib/db/queries/details';
import { eventRows, type EventRow } from '$lib/db/queries/event-rows';
import { networkRows, type NetworkRows } from '$lib/db/queries/network';
import { datasetOptions, type DatasetOptions } from '$lib/db/queries/options';
import { timelineRows, type TimelineEventRow } from '$lib/db/queries/timeline';
import type { StateMessage } from './messages';
import { afterPaint, markReady, setPageState } from './readiness';
import { brokenViews, type View } from './test-hooks';
import { encodeQuery, type ViewQuery } from './url';

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

interface Reply {
	post(message: StateMessage): void;
}

const MEMO_SIZE = 32;

/**
 * Runs every view's query for the current view query, drops results of superseded requests,
 * and records the timing contract: `lw:ready` for the first paint, `lw:update` for each
 * change after it. Results are memoised per dataset version and query part, so selecting an
 * event or re-sorting the table does not re-run the filter's queries.
 */
export class DashboardData {
	shown = $state.raw<Shown>();
	error = $state<string>();
	/** Bumped to ask again after a view's query failed; failed results are not memoised. */
	attempt = $state(0);
	// A cache, not state: nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#memo = new Map<string, Promise<unknown>>();
	#requests = 0;
	#painted = false;
	#replies: Reply[] = [];

	#remember<T>(key: string, run: () => Promise<T>): Promise<T> {
		let result = this.#memo.get(key) as Promise<T> | undefined;
		if (!result) {
			result = run();
			this.#memo.set(key, result);
			result.catch(() => this.#memo.delete(key));
			if (this.#memo.size > MEMO_SIZE) this.#memo.delete(this.#memo.keys().next().value!);
		}
		return result;
	}

	/** One view's part of the results: its rows, or why there are none. */
	#part<T>(view: View, key: string, run: () => Promise<T>): Promise<T> {
		if (brokenViews.get(view) === 'query') {
			return Promise.reject(new Error('its query was made to fail by a test'));
		}
		return this.#remember(key, run);
	}

	async #load(db: Connector, version: number, query: ViewQuery): Promise<Shown> {
		const filterKey = `${version}|${JSON.stringify(query.filter)}`;
		const [options, c, ...parts] = await Promise.all([
			this.#remember(`${version}|options`, () => datasetOptions(db)),
			this.#remember(`counts|${filterKey}`, () => counts(db, query.filter)),
			settle(
				this.#part('rows', `rows|${filterKey}|${query.sort.key}|${query.sort.descending}`, () =>
					eventRows(db, query.filter, query.sort, TABLE_LIMIT)
				)
			),
			settle(
				this.#part('network', `network|${filterKey}`, () =>
					networkRows(db, query.filter, NETWORK_LIMIT)
				)
			),
			settle(
				this.#part('timeline', `timeline|${filterKey}`, () =>
					timelineRows(db, query.filter, TIMELINE_LIMIT)
				)
			),
			settle(
				query.sel
					? this.#part('details', `details|${version}|${query.sel}`, () =>
							eventDetails(db, query.sel!)
						)
					: Promise.resolve(undefined)
			)
		]);
		const [rows, network, timeline, details] = parts as [
			Settled<EventRow[]>,
			Settled<NetworkRows>,
			Settled<TimelineEventRow[]>,
			Settled<EventDetails | undefined>
		];
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

	/**
	 * Shows `query`; resolves once painted, or once a newer request has taken over.
	 * `changeStartedAt` is when the person made the change (performance.now()).
	 */
	async show(db: Connector, version: number, query: ViewQuery, changeStartedAt: number) {
		const request = ++this.#requests;
		try {
			const shown = await this.#load(db, version, query);
			if (request !== this.#requests) return;
			this.shown = shown;
			await afterPaint();
			if (request !== this.#requests) return;
			if (!this.#painted) {
				this.#painted = true;
				markReady();
			} else {
				performance.measure('lw:update', { start: changeStartedAt });
				// Ready again after a database restart, which set the page back to loading.
				setPageState('ready');
			}
			this.#answer();
		} catch (error) {
			// The data source restarts a lost database and reloads the data; the views then query again.
			if (request !== this.#requests || error instanceof DatabaseLost) return;
			this.error = error instanceof Error ? error.message : String(error);
		}
	}

	/** Runs the current query again, for a view whose query failed. */
	retry() {
		this.attempt += 1;
	}

	/** Answers a `leverwatch:set-state` after the next paint (or now, if nothing is pending). */
	answerAfterPaint(reply: Reply, changes: boolean) {
		this.#replies.push(reply);
		if (!changes && this.shown && this.#painted) this.#answer();
	}

	#answer() {
		const shown = this.shown;
		if (!shown) return;
		const message: StateMessage = {
			type: 'leverwatch:state',
			query: encodeQuery(shown.query),
			counts: shown.counts
		};
		for (const reply of this.#replies.splice(0)) reply.post(message);
	}
}

type Settled<T> = { value: T } | { error: string };

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
