import { beforeEach, describe, expect, it } from 'vitest';
import { stageFile, type ImportDeps } from '../../src/lib/ingest/importer';
import { startNodeDuckDB } from '../helpers/node-duckdb';
import { parquetOf, workerParquet, type ChannelWorker } from '../helpers/parquet';

// What the file's rows become is tested with both readers in import.test.ts; these are about the
// worker: its wasm memory goes only with it, so it must end however the import ends.
let workers: ChannelWorker[];
let deps: ImportDeps;
const never = new AbortController().signal;
const quiet = () => undefined;
const numbers = () => parquetOf({ n: Int32Array.from({ length: 200_000 }, (_, i) => i) });

beforeEach(async () => {
	const reader = workerParquet();
	workers = reader.workers;
	deps = { db: await startNodeDuckDB(), parquet: async () => reader.parquet };
});

describe('the Parquet worker', () => {
	it('ends once the file is read', async () => {
		await expect(stageFile(deps, numbers(), 'n.parquet', never, quiet)).resolves.toMatchObject({
			rows: 200_000
		});
		expect(workers.map((worker) => worker.ended)).toEqual([true]);
	});

	it('ends when the import is cancelled', async () => {
		const controller = new AbortController();
		const staging = stageFile(deps, numbers(), 'n.parquet', controller.signal, (progress) => {
			if (progress.fraction !== undefined) controller.abort(new Error('Import cancelled'));
		});
		await expect(staging).rejects.toThrow('Import cancelled');
		expect(workers.map((worker) => worker.ended)).toEqual([true]);
	});

	it("ends on a damaged file, which it calls damaged, with the reader's reason", async () => {
		const parquet = parquetOf({ a: ['x', 'y'] });
		const staging = stageFile(deps, parquet.slice(0, parquet.size - 10), 't.parquet', never, quiet);
		await expect(staging).rejects.toThrow(/^This Parquet file is damaged or incomplete \(.+\)\.$/);
		expect(workers.map((worker) => worker.ended)).toEqual([true]);
	});

	it('fails with a clear message, not a hang, when it stops mid-way', async () => {
		const staging = stageFile(deps, numbers(), 'n.parquet', never, (progress) => {
			if (progress.fraction !== undefined) workers[0]!.crash();
		});
		await expect(staging).rejects.toThrow(
			'Row group 1 of this Parquet file cannot be read (the Parquet reader stopped unexpectedly).'
		);
		expect(workers[0]!.ended).toBe(true);
	});
});
