export { startNodeDuckDB } from '../../src/lib/server/node-duckdb';
