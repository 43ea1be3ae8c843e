import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { tableToRows, type Row } from '../../src/lib/db/arrow';
import { START_SETTINGS, type Connector } from '../../src/lib/db/connector';
import type { Sql } from '../../src/lib/db/sql';

/**
 * The same DuckDB-wasm engine as the browser, in its blocking Node build, behind the app's
 * Connector interface, so query code is tested against the engine it runs on.
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
	return {
		async query<T extends Row = Row>(query: Sql): Promise<T[]> {
			if (query.params.length === 0) return tableToRows<T>(conn.query(query.text));
			const statement = conn.prepare(query.text);
			try {
				return tableToRows<T>(statement.query(...query.params));
			} finally {
				statement.close();
			}
		},
		async exec(statements: string) {
			conn.query(statements);
		},
		async insertArrow(name: string, table: Table) {
			// Serialised with the app's Arrow build: the engine's CommonJS copy of Arrow does not
			// recognise Table objects made by the ES module copy and would insert nothing.
			conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true });
		}
	};
}
