import type { Table } from 'apache-arrow';
import type { Sql } from './sql';
import type { Row } from './arrow';

/**
 * What the app needs of a database. The browser implements it over DuckDB-wasm in a worker;
 * unit tests implement it over the same engine's Node build.
 */
export interface Connector {
	/** Runs a query with its bound parameters and returns plain rows. */
	query<T extends Row = Row>(query: Sql): Promise<T[]>;
	/** Runs statements that return nothing (DDL, settings). */
	exec(statements: string): Promise<void>;
	/** Creates table `name` from an Arrow table. */
	insertArrow(name: string, table: Table): Promise<void>;
}

/**
 * Set at start-up, before any query. Extensions autoload from a remote repository, which fails
 * offline and can poison the wasm instance: everything the app uses is statically linked.
 */
export const START_SETTINGS = `
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;
`;
