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
 */
export const START_SETTINGS = `
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;
${DATE_MACROS}
`;
