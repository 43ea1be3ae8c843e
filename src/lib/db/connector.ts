import type { Table } from 'apache-arrow';
import type { Sql } from './sql';
import type { Row } from './arrow';
import { DATE_MACROS } from './date-macros';

/**
 * What the app needs of a database. The browser implements it over DuckDB-wasm in a worker;
 * unit tests implement it over the same engine's Node build.
 */
export interface Connector {
	/** Runs a query with its bound parameters and returns plain rows. */
	query<T extends Row = Row>(query: Sql): Promise<T[]>;
	/**
	 * Runs a query and returns its Arrow columns as they are: for millions of numbers read
	 * straight into typed arrays, where row objects would cost seconds and gigabytes.
	 */
	table(query: Sql): Promise<Table>;
	/** Runs statements that return nothing (DDL, settings). */
	exec(statements: string): Promise<void>;
	/** Creates table `name` from an Arrow table, or appends to it when `append` is set. */
	insertArrow(name: string, table: Table | Uint8Array, append?: boolean): Promise<void>;
	/**
	 * Runs one long statement that the person may cancel: on abort the query is interrupted and
	 * the promise rejects with the signal's reason.
	 */
	run(statement: Sql, signal?: AbortSignal): Promise<void>;
	/** Makes a file readable by SQL under `name` (a File is read lazily, not copied). */
	registerFile(name: string, data: Blob | Uint8Array): Promise<void>;
	dropFile(name: string): Promise<void>;
}

/**
 * Set at start-up, before any query. Extensions autoload from a remote repository, which fails
 * offline and can poison the wasm instance: everything the app uses is statically linked.
 *
 * Everything lives in a compressed in-memory database. DuckDB's default in-memory database
 * stores columns uncompressed; compressed (dictionaries, FSST for text, bit-packing) a million
 * imported events take 44 MB instead of 354 MB, and the import's peak in wasm memory, which the
 * browser never gets back, falls from 804 to 429 MB (measured in DuckDB-wasm's Node build).
 * The macros are created after `USE`, in the database the queries run in.
 */
export const START_SETTINGS = `
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;
ATTACH ':memory:' AS leverwatch (COMPRESS);
USE leverwatch;
${DATE_MACROS}
`;

/** A running database engine: its connector, and word of its death. */
export interface Engine {
	connector: Connector;
	/** Settles when the engine has died: its worker failed, or it ran out of memory. */
	lost: Promise<DatabaseLost>;
	/** Ends the engine for good (before a restart). */
	stop(): void;
}

/** What every call to a dead engine rejects with: the views wait for the restart, not fail. */
export class DatabaseLost extends Error {}

/**
 * Errors after which the engine cannot be trusted: a wasm trap or exhausted memory can leave the
 * instance poisoned, so it is restarted rather than asked again.
 */
const FATAL =
	/out of memory|memory access out of bounds|\bunreachable\b|maximum call stack|aborted\(/i;

/**
 * A connector whose calls reject with `DatabaseLost` once the engine has died (a dead worker
 * never answers, so calls in flight would otherwise wait forever), and which reports a fatal
 * error from any call through `lose`.
 */
export function guarded(
	connector: Connector,
	lost: Promise<DatabaseLost>,
	lose: (error: DatabaseLost) => void
): Connector {
	// Calls in flight, rejected at once when the engine dies. A set rather than a race against
	// `lost` per call: each race would keep its call's result alive as long as the engine lives.
	const inFlight = new Set<(error: DatabaseLost) => void>();
	let dead: DatabaseLost | undefined;
	void lost.then((error) => {
		dead = error;
		for (const reject of inFlight) reject(error);
		inFlight.clear();
	});
	const guard = <T>(work: () => Promise<T>): Promise<T> => {
		if (dead) return Promise.reject(dead);
		return new Promise<T>((resolve, reject) => {
			inFlight.add(reject);
			work()
				.then(resolve, (error: unknown) => {
					const message = error instanceof Error ? error.message : String(error);
					if (error instanceof DatabaseLost || !FATAL.test(message)) return reject(error);
					const death = new DatabaseLost(message);
					lose(death);
					reject(death);
				})
				.finally(() => inFlight.delete(reject));
		});
	};
	return {
		query: (query) => guard(() => connector.query(query)),
		table: (query) => guard(() => connector.table(query)),
		exec: (statements) => guard(() => connector.exec(statements)),
		insertArrow: (name, table, append) => guard(() => connector.insertArrow(name, table, append)),
		run: (statement, signal) => guard(() => connector.run(statement, signal)),
		registerFile: (name, data) => guard(() => connector.registerFile(name, data)),
		dropFile: (name) => guard(() => connector.dropFile(name))
	};
}
