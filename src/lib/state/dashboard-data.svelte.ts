import { untrack } from 'svelte';
import { Crossfilter } from '$lib/crossfilter/crossfilter';
import { DatabaseLost, type Connector } from '$lib/db/connector';
import type { StateMessage } from './messages';
import type { Activity } from './activity';
import { afterPaint, markReady, setPageState } from './readiness';
import { encodeQuery, type ViewQuery } from './url';
import {
	queryShown,
	queryTable,
	queryTimelineWindow,
	sameRows,
	type QueryOptions,
	type Shown,
	type TableShown,
	type TimelineWindow,
	type TimelineZoomed
} from './view-queries';

interface Reply {
	post(message: StateMessage): void;
}

const MEMO_SIZE = 32;
/**
 * How long changes rest before an off-screen table fetches its rows: past a brush's steps, and
 * before the network's layout starts (200 ms of rest, NetworkView.svelte), which it would slow.
 */
const TABLE_QUIET_MS = 100;

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
	/** The dataset version `shown` is from. */
	#shownVersion: number | undefined;
	readonly #table: boolean;
	#tableInView = true;
	/** Wakes a table waiting to catch up (`#catchUpTable`) when it comes into view. */
	#tableSeen: (() => void) | undefined;
	#tableWait: AbortController | undefined;

	/**
	 * `table` tells whether the page shows the events table: a page without it (an embed) never
	 * asks for its rows.
	 */
	constructor(
		private readonly activity: Activity,
		{ table = true }: { table?: boolean } = {}
	) {
		this.#table = table;
	}

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

	#options(version: number): QueryOptions {
		return {
			remember: (key, run) => this.#remember(`${version}|${key}`, run),
			crossfilter: this.#crossfilter?.version === version ? this.#crossfilter.ready : undefined
		};
	}

	/**
	 * Tells whether the events table is on screen or close to it (the page watches it). While
	 * it is not, a person's changes do not wait for its rows: it keeps the rows it has, marked
	 * behind, until the changes rest for TABLE_QUIET_MS or it comes into view.
	 */
	tableInView(inView: boolean) {
		this.#tableInView = inView;
		if (inView) this.#tableSeen?.();
	}

	/**
	 * When `query`'s change wants the table's rows: never without a table; later if it is off
	 * screen and the change is a person's, on the data shown, to what the rows depend on (a
	 * selection is not); now otherwise.
	 */
	#rowsWanted(
		version: number,
		query: ViewQuery,
		changeStartedAt: number | undefined
	): QueryOptions['rows'] {
		if (!this.#table) return 'never';
		// Untracked: the page's effect that calls show() must not run again on every commit.
		const shown = untrack(() => this.shown);
		if (this.#tableInView || changeStartedAt === undefined || !shown) return 'now';
		return this.#shownVersion === version && !sameRows(shown.query, query) ? 'later' : 'now';
	}

	/**
	 * `shown` with the rows of what is on screen now, held through the change: a catch-up may
	 * have brought them up to date since the change started. If the table has come into view
	 * meanwhile, its own rows instead, so the change is painted in every visible view.
	 */
	async #withHeldRows(db: Connector, version: number, shown: Shown): Promise<Shown> {
		if (this.#tableInView) return withTable(shown, await this.#queryTable(db, version, shown));
		const current = this.shown!;
		return withFailure({ ...shown, rows: current.rows }, current.failed.rows);
	}

	#queryTable(db: Connector, version: number, shown: Shown): Promise<TableShown> {
		return queryTable(db, shown.query, this.#options(version));
	}

	/**
	 * Brings a table left behind up to date once the changes rest or it comes into view, unless
	 * another change has started by then (it catches up after that one).
	 */
	async #catchUpTable(db: Connector, version: number, shown: Shown) {
		this.#tableWait?.abort();
		const wait = new AbortController();
		this.#tableWait = wait;
		const request = this.#requests;
		const seen = new Promise<boolean>((resolve) => {
			if (this.#tableInView) resolve(true);
			this.#tableSeen = () => resolve(true);
			wait.signal.addEventListener('abort', () => resolve(false), { once: true });
		});
		const current = () =>
			!wait.signal.aborted && request === this.#requests && this.shown === shown;
		try {
			const go = await Promise.race([this.activity.quietFor(TABLE_QUIET_MS, wait.signal), seen]);
			if (!go || !current()) return;
			const table = await this.#queryTable(db, version, shown);
			if (current()) this.shown = withTable(shown, table);
		} catch {
			// Only a lost database throws here: it restarts, reloads and the views query again.
		} finally {
			if (this.#tableWait === wait) {
				this.#tableWait = undefined;
				this.#tableSeen = undefined;
			}
		}
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
		// The rows held are taken at the commit (#withHeldRows): a catch-up may come in between.
		const loading = queryShown(db, query, {
			...this.#options(version),
			rows: this.#rowsWanted(version, query, changeStartedAt)
		});
		this.#loading = loading;
		loading
			.finally(() => {
				if (this.#loading === loading) this.#loading = undefined;
			})
			.catch(() => undefined);
		try {
			const queried = performance.now();
			let shown = await loading;
			if (request !== this.#requests) return;
			if (shown.rowsBehind) {
				shown = await this.#withHeldRows(db, version, shown);
				if (request !== this.#requests) return;
			}
			// The benchmark tells the database's share of an update from the views' by this.
			performance.measure('lw:query', { start: queried });
			// The database's answer to the query the early view answered: nothing to repaint.
			const same = this.#first && sameShown(this.#first, shown, this.#table);
			this.#first = undefined;
			if (!same) this.shown = shown;
			this.#shownVersion = version;
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
			if (shown.rowsBehind) void this.#catchUpTable(db, version, shown);
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
	async showWindow(version: number, query: ViewQuery, window: TimelineWindow | undefined) {
		const request = ++this.#windowRequests;
		// Events of another dataset must not linger while the new one's are on their way.
		if (!window || version !== this.#zoomedVersion) this.zoomed = undefined;
		const crossfilter =
			this.#crossfilter?.version === version ? this.#crossfilter.ready : undefined;
		if (!window || !crossfilter) return;
		try {
			const zoomed = await queryTimelineWindow(crossfilter, query, window, (key, run) =>
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

/** `shown` with the table's rows (or its failure) brought up to date. */
function withTable(shown: Shown, table: TableShown): Shown {
	const current: Shown = { ...shown, rows: table.rows };
	delete current.rowsBehind;
	return withFailure(current, table.error);
}

/** `shown` with the table's failure, if any, as its only one. */
function withFailure(shown: Shown, error: string | undefined): Shown {
	const failed = { ...shown.failed };
	if (error === undefined) delete failed.rows;
	else failed.rows = error;
	return { ...shown, failed };
}

/**
 * Whether two results show the same thing (as JSON: the early view arrives as JSON), the rows
 * aside on a page without the table.
 */
function sameShown(a: Shown, b: Shown, withRows: boolean): boolean {
	// Positions baked ahead (`placed`) say where the network is drawn, not what it shows.
	const shows = (shown: Shown) =>
		JSON.stringify({
			...shown,
			query: undefined,
			placed: undefined,
			rows: withRows ? shown.rows : undefined
		});
	return shows(a) === shows(b);
}
