import { beforeEach, describe, expect, it } from 'vitest';
import { stageFile, type ImportDeps } from '../../src/lib/ingest/importer';
import { ParquetReaderError } from '../../src/lib/ingest/parquet';
import { remoteParquet, type ParquetReply } from '../../src/lib/ingest/parquet-remote';
import { startNodeDuckDB } from '../helpers/node-duckdb';
import { ChannelWorker, parquetOf, workerParquet } from '../helpers/parquet';

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
		// The reader failed, not the file: it says so, rather than calling the file damaged.
		await expect(staging).rejects.toThrow(
			/^The Parquet reader stopped unexpectedly; try the import again\.$/
		);
		expect(workers[0]!.ended).toBe(true);
	});

	it('says so when it cannot start, without blaming the file', async () => {
		const message = 'The Parquet reader could not start (no memory).';
		const parquet = remoteParquet(() => Promise.reject(new ParquetReaderError(message)));
		const staging = stageFile(
			{ ...deps, parquet: async () => parquet },
			numbers(),
			'n.parquet',
			never,
			quiet
		);
		await expect(staging).rejects.toMatchObject({ message });
	});

	it('answers requests in the order they came, each after the one before has finished', async () => {
		const worker = new ChannelWorker();
		workers.push(worker);
		const answers: ParquetReply[] = [];
		const all = new Promise<void>((done) =>
			worker.addEventListener('message', ({ data }) => {
				answers.push(data);
				if (answers.length === 4) done();
			})
		);
		// Sent at once, as a page might: the stream needs the file open, the read the stream.
		worker.postMessage({ id: 1, op: 'open', file: numbers() });
		worker.postMessage({ id: 2, op: 'stream', options: { batchSize: 1_000 } });
		worker.postMessage({ id: 3, op: 'read' });
		worker.postMessage({ id: 4, op: 'cancel' });
		await all;
		expect(answers.map((answer) => answer.id)).toEqual([1, 2, 3, 4]);
		expect(answers.filter((answer) => 'error' in answer)).toEqual([]);
		expect(answers[2]).toMatchObject({ result: { rows: 1_000 } });
	});
});
