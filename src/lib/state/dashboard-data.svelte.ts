import { Crossfilter } from '$lib/crossfilter/crossfilter';
import { DatabaseLost, type Connector } from '$lib/db/connector';
import type { StateMessage } from './messages';
import type { Activity } from './activity';
import { afterPaint, markReady, setPageState } from './readiness';
import { encodeQuery, type ViewQuery } from './url';
import {
	queryShown,
	queryTimelineWindow,
	type Shown,
	type TimelineWindow,
	type TimelineZoomed
} from './view-queries';

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
	/** The dataset version whose in-memory index is built: zooming waits for it. */
	indexed = $state<number>();
	/** Exact events of the timeline's zoomed-in period, for the shown query. */
	zoomed = $state.raw<TimelineZoomed>();
	error = $state<string>();
	/** Bumped to ask again after a view's query failed; failed results are not memoised. */
	attempt = $state(0);
	// A cache, not state: nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#memo = new Map<string, Promise<unknown>>();
	#requests = 0;
	#windowRequests = 0;
	#zoomedVersion: number | undefined;
	#loading: Promise<Shown> | undefined;
	#painted = false;
	#replies: Reply[] = [];
	/** The early view on screen, until the database's first answer replaces or confirms it. */
	#first: Shown | undefined;
	/**
	 * The in-memory index of the dataset version on screen: built in the background after the
	 * version's first paint, then answering every change (the database keeps the text).
	 */
	#crossfilter: { version: number; ready?: Crossfilter } | undefined;

	constructor(private readonly activity: Activity) {}

	#remember<T>(key: string, run: () => Promise<T>): Promise<T> {
		let result = this.#memo.get(key) as Promise<T> | undefined;
		if (result) {
			// Least recently used goes first: the dataset's options and extent, asked on every
			// change, must not be pushed out by a brush's stream of one-off results (at 3M events
			// asking for the options again takes seconds).
			this.#memo.delete(key);
			this.#memo.set(key, result);
		} else {
			result = run();
			this.#memo.set(key, result);
			result.catch(() => this.#memo.delete(key));
			if (this.#memo.size > MEMO_SIZE) this.#memo.delete(this.#memo.keys().next().value!);
		}
		return result;
	}

	#load(db: Connector, version: number, query: ViewQuery): Promise<Shown> {
		const crossfilter =
			this.#crossfilter?.version === version ? this.#crossfilter.ready : undefined;
		return queryShown(
			db,
			query,
			(key, run) => this.#remember(`${version}|${key}`, run),
			crossfilter
		);
	}

	/** Starts indexing `version` unless already under way; the views use it once it is built. */
	#index(db: Connector, version: number) {
		if (this.#crossfilter?.version === version) return;
		const entry: { version: number; ready?: Crossfilter } = { version };
		this.#crossfilter = entry;
		const start = performance.now();
		Crossfilter.build(db).then(
			(crossfilter) => {
				entry.ready = crossfilter;
				this.indexed = version;
				// The benchmark waits for this measure and reports it (README, "Speed").
				performance.measure('lw:index', { start });
			},
			// Without an index the database answers every view, as it does until one is built. A
			// lost database restarts and reloads the data, which is a new version to index.
			() => undefined
		);
	}

	/**
	 * Paints a first view computed ahead of time (at build time, for the shipped dataset) while
	 * the database starts, unless real results are already on their way.
	 */
	async showFirst(first: Shown) {
		if (this.shown || this.#requests > 0) return;
		this.shown = first;
		this.#first = first;
		await afterPaint();
		if (this.#requests > 0 || this.#painted) return;
		this.#painted = true;
		markReady();
		this.#answer();
	}

	/**
	 * Shows `query`; resolves once painted, or once a newer request has taken over.
	 * `changeStartedAt` is when the person made the change (performance.now()); without it
	 * (a dataset arrived) the paint is not a `lw:update`. Until then `activity` counts an update
	 * under way, so background work waits.
	 */
	async show(db: Connector, version: number, query: ViewQuery, changeStartedAt?: number) {
		const ended = this.activity.begin();
		try {
			await this.#show(db, version, query, changeStartedAt);
		} finally {
			ended();
		}
	}

	async #show(db: Connector, version: number, query: ViewQuery, changeStartedAt?: number) {
		const request = ++this.#requests;
		// One load at a time: the database answers in turn, so loads started during a brush
		// would queue behind each other. The newest waits for the running one and those in
		// between are skipped, so the views catch up with the latest change, not every change.
		while (this.#loading) {
			await this.#loading.catch(() => undefined);
			if (request !== this.#requests) return;
		}
		const loading = this.#load(db, version, query);
		this.#loading = loading;
		loading
			.finally(() => {
				if (this.#loading === loading) this.#loading = undefined;
			})
			.catch(() => undefined);
		try {
			const queried = performance.now();
			const shown = await loading;
			if (request !== this.#requests) return;
			// The benchmark tells the database's share of an update from the views' by this.
			performance.measure('lw:query', { start: queried });
			// The database's answer to the query the early view answered: nothing to repaint.
			const same = this.#first && sameShown(this.#first, shown);
			this.#first = undefined;
			if (!same) this.shown = shown;
			await afterPaint();
			if (request !== this.#requests) return;
			if (!this.#painted) {
				this.#painted = true;
				markReady();
			} else {
				if (changeStartedAt !== undefined) {
					performance.measure('lw:update', { start: changeStartedAt });
				}
				// Ready again after a database restart, which set the page back to loading.
				setPageState('ready');
			}
			this.#answer();
			this.#index(db, version);
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

	/**
	 * Finds the exact events of the timeline's zoomed-in period for `query` (the shown one), or
	 * clears them when there is no such period. Needs the index: until it is built, zooming
	 * keeps the counts. Answers to superseded requests are dropped.
	 */
	async showWindow(
		db: Connector,
		version: number,
		query: ViewQuery,
		window: TimelineWindow | undefined
	) {
		const request = ++this.#windowRequests;
		// Events of another dataset must not linger while the new one's are on their way.
		if (!window || version !== this.#zoomedVersion) this.zoomed = undefined;
		const crossfilter =
			this.#crossfilter?.version === version ? this.#crossfilter.ready : undefined;
		if (!window || !crossfilter) return;
		try {
			const zoomed = await queryTimelineWindow(db, crossfilter, query, window, (key, run) =>
				this.#remember(`${version}|${key}`, run)
			);
			if (request !== this.#windowRequests) return;
			this.zoomed = zoomed;
			this.#zoomedVersion = version;
		} catch {
			// The counts stay drawn: exact marks for a zoom are a refinement, and a failing
			// database shows its error through the views' own queries.
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

/** Whether two results show the same thing (as JSON: the early view arrives as JSON). */
function sameShown(a: Shown, b: Shown): boolean {
	return JSON.stringify({ ...a, query: undefined }) === JSON.stringify({ ...b, query: undefined });
}
