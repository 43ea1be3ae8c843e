import {
	AsyncDuckDB,
	ConsoleLogger,
	DuckDBDataProtocol,
	LogLevel,
	selectBundle,
	type AsyncDuckDBConnection
} from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { tableToIPC, type Table } from 'apache-arrow';
import { tableToRows, type Row } from './arrow';
import { testHooks } from '$lib/state/test-hooks';
import { DatabaseLost, guarded, START_SETTINGS, type Connector, type Engine } from './connector';
import type { Sql } from './sql';

/** Both bundles are served from our own origin: nothing is fetched from a CDN. */
const BUNDLES = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

class BrowserConnector implements Connector {
	/**
	 * Settles once no statement streams its result: DuckDB drops a streamed result when its
	 * connection runs anything else meanwhile, and the page's other queries (the shipped data
	 * loading, an index being built) go on while an import reads its file. They wait for it.
	 */
	#streaming: Promise<void> = Promise.resolve();

	constructor(
		private readonly db: AsyncDuckDB,
		private readonly conn: AsyncDuckDBConnection
	) {}

	async query<T extends Row = Row>(query: Sql): Promise<T[]> {
		return tableToRows<T>(await this.table(query));
	}

	async table(query: Sql): Promise<Table> {
		await this.#streaming;
		if (query.params.length === 0) return this.conn.query(query.text);
		const statement = await this.conn.prepare(query.text);
		try {
			return await statement.query(...query.params);
		} finally {
			await statement.close();
		}
	}

	async exec(statements: string): Promise<void> {
		await this.#streaming;
		await this.conn.query(statements);
	}

	async insertArrow(name: string, table: Table | Uint8Array, append = false): Promise<void> {
		// Sent as an IPC stream, which is what crosses to the worker in any case, so the worker
		// never depends on sharing our copy of the Arrow classes.
		const ipc = table instanceof Uint8Array ? table : tableToIPC(table, 'stream');
		await this.#streaming;
		await this.conn.insertArrowFromIPCStream(ipc, { name, create: !append });
	}

	async run(query: Sql, signal?: AbortSignal): Promise<void> {
		signal?.throwIfAborted();
		const previous = this.#streaming;
		let streamed!: () => void;
		this.#streaming = new Promise((resolve) => (streamed = resolve));
		try {
			await previous;
			await this.#stream(query, signal);
		} finally {
			streamed();
		}
	}

	async #stream(query: Sql, signal?: AbortSignal): Promise<void> {
		signal?.throwIfAborted();
		const cancel = () => void this.conn.cancelSent();
		signal?.addEventListener('abort', cancel, { once: true });
		const statement = query.params.length > 0 ? await this.conn.prepare(query.text) : undefined;
		try {
			const reader = statement
				? await statement.send(...query.params)
				: await this.conn.send(query.text, true);
			for await (const batch of reader) void batch;
			signal?.throwIfAborted();
		} catch (error) {
			signal?.throwIfAborted();
			throw error;
		} finally {
			signal?.removeEventListener('abort', cancel);
			await statement?.close();
		}
	}

	async registerFile(name: string, data: Blob | Uint8Array): Promise<void> {
		if (data instanceof Uint8Array) await this.db.registerFileBuffer(name, data);
		else await this.db.registerFileHandle(name, data, DuckDBDataProtocol.BROWSER_FILEREADER, true);
	}

	async dropFile(name: string): Promise<void> {
		await this.db.dropFile(name);
	}
}

/** Generous: a cold start takes about 3 s on a 2-core machine. */
const START_DEADLINE_MS = 120_000;

/**
 * DuckDB's worker swallows a failure to fetch or compile its wasm, and instantiate() then
 * never settles. This rejects when the wasm cannot be had, or when the start takes far too long.
 */
function failureOf(wasmUrl: string): Promise<never> {
	return new Promise((_, reject) => {
		setTimeout(
			() => reject(new Error(`no answer after ${START_DEADLINE_MS / 1000} s`)),
			START_DEADLINE_MS
		);
		fetch(wasmUrl, { method: 'HEAD' }).then(
			(response) => {
				if (!response.ok)
					reject(new Error(`its code could not be loaded (HTTP ${response.status})`));
			},
			() => reject(new Error('its code could not be loaded (network error)'))
		);
	});
}

/**
 * Starts DuckDB-wasm in its Web Worker with the bundle this browser supports (exception
 * handling where available) and the app's settings. Call once per engine; share the promise.
 * The engine reports its death (`lost`) when its worker fails or a call hits a fatal error.
 */
export async function startBrowserDuckDB(): Promise<Engine> {
	const bundle = await selectBundle(BUNDLES);
	const worker = new Worker(bundle.mainWorker!);
	let lose!: (error: DatabaseLost) => void;
	const lost = new Promise<DatabaseLost>((resolve) => (lose = resolve));
	worker.addEventListener('error', (event) =>
		lose(new DatabaseLost(event.message || 'its worker failed'))
	);
	worker.addEventListener('messageerror', () =>
		lose(new DatabaseLost('its worker sent a message that could not be read'))
	);
	const db = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), worker);
	try {
		await Promise.race([
			db.instantiate(bundle.mainModule, bundle.pthreadWorker),
			failureOf(bundle.mainModule)
		]);
		const conn = await db.connect();
		await conn.query(START_SETTINGS);
		const hooks = testHooks();
		if (hooks) {
			hooks.crashDatabase = () => {
				worker.terminate();
				worker.dispatchEvent(new ErrorEvent('error', { message: 'its worker was stopped' }));
			};
		}
		return {
			connector: guarded(new BrowserConnector(db, conn), lost, lose),
			lost,
			stop: () => worker.terminate()
		};
	} catch (error) {
		worker.terminate();
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`The database engine (DuckDB-wasm) could not start: ${reason}`);
	}
}
