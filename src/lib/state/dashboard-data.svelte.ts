import type { Connector } from '$lib/db/connector';
import { counts, type Counts } from '$lib/db/queries/counts';
import { eventDetails, type EventDetails } from '$lib/db/queries/details';
import { eventRows, type EventRow } from '$lib/db/queries/event-rows';
import { networkRows, type NetworkRows } from '$lib/db/queries/network';
import { datasetOptions, type DatasetOptions } from '$lib/db/queries/options';
import { timelineRows, type TimelineEventRow } from '$lib/db/queries/timeline';
import type { StateMessage } from './messages';
import { afterPaint, markReady } from './readiness';
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

	async #load(db: Connector, version: number, query: ViewQuery): Promise<Shown> {
		const filterKey = `${version}|${JSON.stringify(query.filter)}`;
		const [options, c, rows, network, timeline, details] = await Promise.all([
			this.#remember(`${version}|options`, () => datasetOptions(db)),
			this.#remember(`counts|${filterKey}`, () => counts(db, query.filter)),
			this.#remember(`rows|${filterKey}|${query.sort.key}|${query.sort.descending}`, () =>
				eventRows(db, query.filter, query.sort, TABLE_LIMIT)
			),
			this.#remember(`network|${filterKey}`, () => networkRows(db, query.filter, NETWORK_LIMIT)),
			this.#remember(`timeline|${filterKey}`, () => timelineRows(db, query.filter, TIMELINE_LIMIT)),
			query.sel
				? this.#remember(`details|${version}|${query.sel}`, () => eventDetails(db, query.sel!))
				: Promise.resolve(undefined)
		]);
		return { query, options, counts: c, rows, network, timeline, details };
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
			}
			this.#answer();
		} catch (error) {
			if (request !== this.#requests) return;
			this.error = error instanceof Error ? error.message : String(error);
		}
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
