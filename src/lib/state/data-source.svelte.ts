import { getContext, setContext } from 'svelte';
import type { Connector } from '$lib/db/connector';
import { loadDataset } from '$lib/db/load';
import type { Issue } from '$lib/model/issues';
import type { ValidationResult } from '$lib/model/validate';

export type Phase = 'starting' | 'loading' | 'ready' | 'error';

/**
 * The database and the dataset loaded into it, shared by every view of a page. Views re-query
 * when `version` changes, i.e. when another dataset has been swapped in.
 */
export class DataSource {
	phase = $state<Phase>('starting');
	error = $state<string>();
	label = $state('');
	issues = $state<Issue[]>([]);
	version = $state(0);
	#db: Connector | undefined;

	/** The connector; only read it once `phase` is `ready`. */
	get db(): Connector {
		if (!this.#db) throw new Error('The database is not ready yet');
		return this.#db;
	}

	/** Starts the database and fetches the dataset at the same time, then loads one into the other. */
	async open(
		start: () => Promise<Connector>,
		fetchDataset: () => Promise<ValidationResult>,
		label: string
	): Promise<void> {
		try {
			const dataset = fetchDataset();
			const db = await start();
			this.phase = 'loading';
			const result = await dataset;
			await loadDataset(db, result.dataset);
			this.#db = db;
			this.label = label;
			this.issues = result.issues;
			this.version += 1;
			this.phase = 'ready';
		} catch (error) {
			this.fail(error);
		}
	}

	fail(error: unknown): void {
		this.error = error instanceof Error ? error.message : String(error);
		this.phase = 'error';
	}
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
