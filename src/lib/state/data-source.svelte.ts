import { getContext, setContext } from 'svelte';
import type { Connector, DatabaseLost, Engine } from '$lib/db/connector';
import { loadDataset } from '$lib/db/load';
import type { Issue } from '$lib/model/issues';
import { shippedDataset, type ShippedFiles } from '$lib/ingest/shipped';
import type { Shown } from './view-queries';

export type Phase = 'starting' | 'loading' | 'ready' | 'error';

/** Where the loaded data came from; shown wherever the data is (DESIGN.md, "Provenance"). */
export type Origin =
	| { kind: 'shipped' }
	| { kind: 'file'; name: string; storedId?: string }
	| { kind: 'url'; url: string; mapping: string; storedId?: string };

/** Restarts after the database dies, per page; a database that keeps dying is not restarted. */
const MAX_RESTARTS = 3;

export const SHIPPED_LABEL = 'US–China technology and security policy (shipped dataset)';

export function originLabel(origin: Origin): string {
	if (origin.kind === 'shipped') return SHIPPED_LABEL;
	if (origin.kind === 'file') return `${origin.name} (imported file, not the shipped dataset)`;
	return `${origin.url} (loaded from this address, not the shipped dataset)`;
}

/**
 * The database and the dataset loaded into it, shared by every view of a page. Views re-query
 * when `version` changes, i.e. when another dataset has been swapped in.
 */
export class DataSource {
	phase = $state<Phase>('starting');
	/** What the page says while loading, when more than the phase. */
	status = $state<string>();
	error = $state<string>();
	/** A problem that did not stop the page, e.g. a dataset link that could not be loaded. */
	notice = $state<string>();
	origin = $state<Origin>({ kind: 'shipped' });
	readonly label = $derived(originLabel(this.origin));
	issues = $state<Issue[]>([]);
	version = $state(0);
	/** Times the database has been restarted after dying. */
	restarts = $state(0);
	#db = $state.raw<Connector>();
	#engine: Engine | undefined;
	#start: (() => Promise<Engine>) | undefined;
	#shipped: (() => Promise<ShippedFiles>) | undefined;
	#reload: ((origin: Origin) => Promise<boolean>) | undefined;
	// Not Promise.withResolvers: pages are prerendered on Node 20, which lacks it.
	#loaded = deferred<Connector>();

	/** The connector; only read it once `phase` is `ready`. */
	get db(): Connector {
		if (!this.#db) throw new Error('The database is not ready yet');
		return this.#db;
	}

	/** The connector once a dataset is loaded: for work that may start while it loads. */
	loaded(): Promise<Connector> {
		return this.phase === 'ready' ? Promise.resolve(this.db) : this.#loaded.promise;
	}

	get started(): boolean {
		return this.#db !== undefined;
	}

	/**
	 * The shipped dataset's first view computed at build time, fetched while the database
	 * starts; undefined when the page opens with other data.
	 */
	firstView: Promise<Shown | undefined> | undefined;

	/**
	 * Starts the database, then loads the first dataset: `first` (e.g. a `?data=` link) when
	 * given and it succeeds, otherwise the shipped dataset, fetched while the database starts.
	 * `reload` loads an imported dataset again after a restart, the way it was imported.
	 */
	async open(options: {
		start: () => Promise<Engine>;
		shipped: () => Promise<ShippedFiles>;
		first?: () => Promise<boolean>;
		reload?: (origin: Origin) => Promise<boolean>;
		firstView?: () => Promise<Shown | undefined>;
	}): Promise<void> {
		const { shipped, first } = options;
		this.#start = options.start;
		this.#shipped = shipped;
		this.#reload = options.reload;
		this.firstView = first ? undefined : options.firstView?.();
		try {
			const prefetched = first ? undefined : shipped();
			await this.#boot();
			this.phase = 'loading';
			if (first && (await first())) return;
			await this.loadShipped(prefetched);
		} catch (error) {
			this.fail(error);
		}
	}

	async #boot(): Promise<void> {
		const engine = await this.#start!();
		this.#engine = engine;
		this.#db = engine.connector;
		void engine.lost.then((error) => this.#restart(engine, error));
	}

	/**
	 * The database died (its worker crashed or ran out of memory): says so, starts a new one and
	 * loads the same dataset into it, imports through the import path with their mapping. The
	 * views keep showing what they showed, and query again once the data is back.
	 */
	async #restart(engine: Engine, error: DatabaseLost): Promise<void> {
		if (engine !== this.#engine) return;
		engine.stop();
		const origin = this.origin;
		const label = this.label;
		if (this.restarts >= MAX_RESTARTS) {
			this.fail(new Error(`The database stopped again (${error.message}). Reload the page.`));
			return;
		}
		this.restarts += 1;
		this.notice = `The database stopped (${error.message}); restarting it and reloading ${label}…`;
		this.phase = 'loading';
		this.#loaded = deferred();
		try {
			await this.#boot();
			const reloaded = origin.kind !== 'shipped' && (await this.#reload?.(origin));
			if (!reloaded) await this.loadShipped();
			this.notice =
				reloaded || origin.kind === 'shipped'
					? `The database stopped (${error.message}) and was restarted; ${label} is loaded again.`
					: `The database stopped (${error.message}) and was restarted, but ${label} could not be loaded again; showing the shipped dataset.`;
		} catch (failure) {
			this.fail(failure);
		}
	}

	/**
	 * Loads the shipped dataset; on the page's first load, from files fetched while the database
	 * started. They are parsed only now: parsed as they arrived, they took 25–50 ms from the
	 * frames of the first paint.
	 */
	async loadShipped(prefetched?: Promise<ShippedFiles>): Promise<void> {
		const result = shippedDataset(await (prefetched ?? this.#shipped!()));
		await loadDataset(this.db, result.dataset);
		this.replaced({ kind: 'shipped' }, result.issues);
	}

	/** Records that another dataset has been swapped in, so the views query it. */
	replaced(origin: Origin, issues: Issue[] = []): void {
		this.origin = origin;
		this.issues = issues;
		this.status = undefined;
		this.version += 1;
		this.phase = 'ready';
		this.#loaded.resolve(this.db);
	}

	fail(error: unknown): void {
		this.error = error instanceof Error ? error.message : String(error);
		this.phase = 'error';
		this.#loaded.reject(new Error(this.error));
		this.#loaded.promise.catch(() => undefined);
	}
}

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (reason: Error) => void;
	const promise = new Promise<T>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return { promise, resolve, reject };
}

const KEY = Symbol('data-source');

export function setDataSource(source: DataSource): DataSource {
	return setContext(KEY, source);
}

export function getDataSource(): DataSource {
	const source = getContext<DataSource | undefined>(KEY);
	if (!source) throw new Error('getDataSource() needs a DataSource set by the root layout');
	return source;
}
