import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { tableToRows, type Row } from '$lib/db/arrow';
import { START_SETTINGS, type Connector } from '$lib/db/connector';
import type { Sql } from '$lib/db/sql';

/**
 * The same DuckDB-wasm engine as the browser, in its blocking Node build, behind the app's
 * Connector interface: unit tests run query code against the engine it runs on, and the build
 * uses it to compute the first view of the shipped dataset.
 */
const require = createRequire(import.meta.url);
const duckdb =
	require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/blocking'));

export async function startNodeDuckDB(): Promise<Connector> {
	const db = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: join(dist, 'duckdb-mvp.wasm'),
				mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs')
			},
			eh: {
				mainModule: join(dist, 'duckdb-eh.wasm'),
				mainWorker: join(dist, 'duckdb-node-eh.worker.cjs')
			}
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	const conn = db.connect();
	conn.query(START_SETTINGS);
	const table = async (q: Sql): Promise<Table> => {
		// The engine's CommonJS copy of Arrow: the same structure, read through the same methods.
		if (q.params.length === 0) return conn.query(q.text) as unknown as Table;
		const statement = conn.prepare(q.text);
		try {
			return statement.query(...q.params) as unknown as Table;
		} finally {
			statement.close();
		}
	};
	const query = async <T extends Row = Row>(q: Sql): Promise<T[]> => tableToRows<T>(await table(q));
	return {
		query,
		table,
		async exec(statements: string) {
			conn.query(statements);
		},
		async insertArrow(name: string, table: Table | Uint8Array, append = false) {
			// Serialised with the app's Arrow build: the engine's CommonJS copy of Arrow does not
			// recognise Table objects made by the ES module copy and would insert nothing.
			const ipc = table instanceof Uint8Array ? table : tableToIPC(table, 'stream');
			conn.insertArrowFromIPCStream(ipc, { name, create: !append });
		},
		async run(statement: Sql, signal?: AbortSignal) {
			signal?.throwIfAborted();
			await query(statement);
		},
		async registerFile(name: string, data: Blob | Uint8Array) {
			const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
			db.registerFileBuffer(name, bytes);
		},
		async dropFile(name: string) {
			db.dropFile(name);
		}
	};
}
