import { getContext, setContext } from 'svelte';
import type { DatasetStore, StoredDataset } from '$lib/ingest/dataset-store';
import { fetchFile, fileNameOf } from '$lib/ingest/fetch-file';
import {
	checkMapping,
	cleanMessage,
	commitImport,
	stageFile,
	type ImportProgress,
	type ImportReport,
	type StagedImport
} from '$lib/ingest/importer';
import { decodeMapping, encodeMapping, missingRequired, type Mapping } from '$lib/ingest/mapping';
import type { ParquetModule } from '$lib/ingest/parquet';
import { needsDateOrder, suggestMapping } from '$lib/ingest/suggest';
import type { DataSource, Origin } from './data-source.svelte';

export type ImportStep = 'closed' | 'source' | 'working' | 'mapping' | 'report' | 'failed';

interface Pending {
	file: Blob;
	name: string;
	url: string;
	/** Reuse of a stored dataset: no need to store it again. */
	storedId?: string;
	/** A download already on disk in the store, listed there only if the import succeeds. */
	downloadId?: string;
}

/**
 * One import, step by step: choose a file or URL, watch it being read (with cancel), map its
 * columns, read the validation report, confirm. Only the confirmation replaces the loaded
 * dataset; a failure or a cancel at any step leaves it as it was and says why.
 */
export class ImportFlow {
	step = $state<ImportStep>('closed');
	progress = $state<ImportProgress>({ phase: 'reading' });
	staged = $state.raw<StagedImport>();
	mapping = $state<Mapping>({ fields: {}, listSeparator: ';', dateOrder: 'unset' });
	report = $state.raw<ImportReport>();
	error = $state<string>();
	stored = $state.raw<StoredDataset[]>([]);
	#controller: AbortController | undefined;
	#pending: Pending | undefined;
	#waiting: { resolve: (done: boolean) => void } | undefined;
	/** The latest confirmed import's copy being kept in the browser: its stored id, once kept. */
	#keeping: Promise<string | undefined> = Promise.resolve(undefined);
	readonly #source: DataSource;
	readonly #parquet: () => Promise<ParquetModule>;
	readonly #store: Promise<DatasetStore | undefined>;
	readonly #onLoaded: (origin: Origin) => void;

	constructor(options: {
		source: DataSource;
		parquet: () => Promise<ParquetModule>;
		store: Promise<DatasetStore | undefined>;
		/** Called after a dataset has been swapped in (e.g. to write `?data=` into the URL). */
		onLoaded: (origin: Origin) => void;
	}) {
		this.#source = options.source;
		this.#parquet = options.parquet;
		this.#store = options.store;
		this.#onLoaded = options.onLoaded;
		void this.refreshStored();
	}

	readonly needsDateOrder = $derived(
		this.staged
			? needsDateOrder(this.staged.columns, this.mapping) && this.mapping.dateOrder === 'unset'
			: false
	);
	readonly missing = $derived(missingRequired(this.mapping));

	open() {
		this.error = undefined;
		this.step = 'source';
	}

	async refreshStored() {
		this.stored = (await (await this.#store)?.list()) ?? [];
	}

	/** Imports a file the person picked or dropped. */
	fromFile(file: File): Promise<boolean> {
		return this.#run({ file, name: file.name, url: '' }, undefined, false);
	}

	/**
	 * Imports from a URL. With a complete `mapping` and `auto`, loads without asking when the
	 * report has rows to keep; otherwise stops at the mapping step for the person.
	 * Resolves true once a dataset has been swapped in, false if the person gave up.
	 */
	async fromUrl(url: string, mapping?: Mapping, auto = false): Promise<boolean> {
		const controller = this.#begin();
		const store = await this.#store;
		let downloadId: string | undefined;
		let file: Blob;
		try {
			file = await fetchFile(
				url,
				controller.signal,
				(loaded, total) => {
					this.progress = { phase: 'reading', fraction: total ? loaded / total : undefined };
				},
				store &&
					(async (body) => {
						const download = await store.download(body);
						downloadId = download.id;
						return download.file;
					})
			);
		} catch (error) {
			return this.#failed(error, controller);
		}
		return this.#run({ file, name: fileNameOf(url), url, downloadId }, mapping, auto, controller);
	}

	/** Loads a dataset kept in the browser again, with the mapping it was imported with. */
	async fromStored(id: string, mapping: Mapping): Promise<boolean> {
		const meta = this.stored.find((d) => d.id === id);
		const store = await this.#store;
		if (!meta || !store) return false;
		const controller = this.#begin();
		try {
			const file = await store.file(id);
			return this.#run(
				{ file, name: meta.name, url: meta.url, storedId: id },
				mapping,
				true,
				controller
			);
		} catch (error) {
			return this.#failed(error, controller);
		}
	}

	/** Loads `origin` again the way it was first loaded, e.g. into a restarted database. */
	async reload(origin: Origin): Promise<boolean> {
		// A database lost just after an import's swap finds it still being kept in the browser:
		// its origin has no stored id yet, the keeping will.
		const kept = origin.kind !== 'shipped' && !origin.storedId ? await this.#keeping : undefined;
		await this.refreshStored();
		const id = origin.kind === 'shipped' ? undefined : (origin.storedId ?? kept);
		const stored = this.stored.find((d) => d.id === id);
		if (stored) return this.fromStored(stored.id, decodeMapping(stored.mapping));
		if (origin.kind === 'url') return this.fromUrl(origin.url, decodeMapping(origin.mapping), true);
		return false;
	}

	/** After switching back to the shipped dataset: the page URL loses `data` and `map`. */
	forget() {
		this.#onLoaded({ kind: 'shipped' });
	}

	async removeStored(id: string) {
		await (await this.#store)?.remove(id);
		await this.refreshStored();
	}

	#begin(): AbortController {
		this.#controller?.abort(new Error('Replaced by a newer import'));
		this.#discardDownload();
		this.#waiting?.resolve(false);
		this.#waiting = undefined;
		const controller = new AbortController();
		this.#controller = controller;
		this.error = undefined;
		this.report = undefined;
		this.progress = { phase: 'reading' };
		this.step = 'working';
		return controller;
	}

	async #run(
		pending: Pending,
		mapping: Mapping | undefined,
		auto: boolean,
		controller = this.#begin()
	): Promise<boolean> {
		this.#pending = pending;
		try {
			// A file may be dropped while the page shows its first view and the database starts;
			// a restart reloads an import into a started database before it counts as loaded.
			const db = this.#source.started ? this.#source.db : await this.#source.loaded();
			this.staged = await stageFile(
				{ db, parquet: this.#parquet },
				pending.file,
				pending.name,
				controller.signal,
				(progress) => (this.progress = progress)
			);
			this.mapping = mapping ?? suggestMapping(this.staged.columns);
			if (auto && this.missing.length === 0 && !this.needsDateOrder) {
				await this.check();
				if (this.report && this.report.kept > 0) return await this.confirm();
			} else {
				this.step = 'mapping';
			}
		} catch (error) {
			return this.#failed(error, controller);
		}
		return new Promise((resolve) => (this.#waiting = { resolve }));
	}

	/** Applies the mapping and shows the report. */
	async check() {
		const controller = this.#controller ?? this.#begin();
		this.step = 'working';
		this.progress = { phase: 'checking' };
		try {
			this.report = await checkMapping(
				this.#source.db,
				$state.snapshot(this.mapping),
				controller.signal
			);
			this.step = 'report';
		} catch (error) {
			this.#failed(error, controller);
		}
	}

	/** Swaps the kept rows in for the current dataset and keeps the import in the browser. */
	async confirm(): Promise<boolean> {
		const pending = this.#pending;
		if (!pending || !this.report) return false;
		this.step = 'working';
		this.progress = { phase: 'loading' };
		try {
			await commitImport(this.#source.db);
		} catch (error) {
			return this.#failed(error, this.#controller);
		}
		const mapping = encodeMapping($state.snapshot(this.mapping));
		const kept = this.report.kept;
		const originWith = (storedId: string | undefined): Origin =>
			pending.url
				? { kind: 'url', url: pending.url, mapping, storedId }
				: { kind: 'file', name: pending.name, storedId };
		// The new tables are in: the views move to them now, not after the copy is kept, so that
		// nothing answers from the previous dataset (its in-memory index) meanwhile.
		this.#source.replaced(originWith(pending.storedId));
		this.#keeping = pending.storedId
			? Promise.resolve(pending.storedId)
			: this.#keep(pending, mapping, kept);
		const storedId = await this.#keeping;
		const origin = originWith(storedId);
		this.#source.origin = origin;
		this.#onLoaded(origin);
		this.#finish(true);
		return true;
	}

	async #keep(pending: Pending, mapping: string, events: number): Promise<string | undefined> {
		try {
			const store = await this.#store;
			const meta = {
				name: pending.name,
				url: pending.url,
				mapping,
				size: pending.file.size,
				events
			};
			const stored = pending.downloadId
				? await store?.keep(pending.downloadId, meta)
				: await store?.save(meta, pending.file);
			await this.refreshStored();
			return stored?.id;
		} catch {
			// Keeping a copy is a convenience: a full disk must not undo a successful import.
			return undefined;
		}
	}

	/** Stops whatever is running; the loaded dataset stays as it was. */
	cancel() {
		this.#controller?.abort(new Error('Import cancelled'));
		this.#finish(false);
	}

	backToMapping() {
		this.step = 'mapping';
	}

	#failed(error: unknown, controller?: AbortController): false {
		if (controller?.signal.aborted && this.step === 'closed') return false;
		this.error = `Nothing was changed: ${cleanMessage(error)}`;
		this.step = 'failed';
		return false;
	}

	/** A download whose import did not go through is not worth its disk space. */
	#discardDownload() {
		const pending = this.#pending;
		const id = pending?.downloadId;
		if (!pending || !id) return;
		pending.downloadId = undefined;
		void this.#store.then((store) => store?.remove(id));
	}

	#finish(done: boolean) {
		if (!done) this.#discardDownload();
		this.step = 'closed';
		this.staged = undefined;
		this.report = undefined;
		this.#pending = undefined;
		this.#controller = undefined;
		this.#waiting?.resolve(done);
		this.#waiting = undefined;
	}
}

const KEY = Symbol('import-flow');

export function setImportFlow(flow: ImportFlow): ImportFlow {
	return setContext(KEY, flow);
}

export function getImportFlow(): ImportFlow {
	const flow = getContext<ImportFlow | undefined>(KEY);
	if (!flow) throw new Error('getImportFlow() needs an ImportFlow set by the root layout');
	return flow;
}
