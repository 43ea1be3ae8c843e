import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { sql } from '../../src/lib/db/sql';
import { stageFile, type ImportDeps } from '../../src/lib/ingest/importer';
import {
	remoteParquet,
	serveParquet,
	type Endpoint,
	type ParquetReply,
	type ParquetRequest,
	type ParquetWorker
} from '../../src/lib/ingest/parquet-remote';
import { startNodeDuckDB } from '../helpers/node-duckdb';
import { nodeParquet, parquetOf } from '../helpers/parquet';

/**
 * A stand-in for the browser's worker: serveParquet answers over a message channel, as in
 * parquet.worker.ts, so requests and batches cross a structured clone as they would there.
 */
class ChannelWorker implements ParquetWorker {
	readonly #channel = new MessageChannel();
	readonly #failures: ((event: Event) => void)[] = [];
	ended = false;

	constructor() {
		const { port1, port2 } = this.#channel;
		serveParquet(nodeParquet, port2 as unknown as Endpoint<ParquetRequest>);
		port1.start();
		port2.start();
	}

	postMessage(message: unknown, transfer: Transferable[] = []) {
		this.#channel.port1.postMessage(message, transfer);
	}

	addEventListener(type: 'message', listener: (event: MessageEvent<ParquetReply>) => void): void;
	addEventListener(type: 'error', listener: (event: Event) => void): void;
	addEventListener(type: 'message' | 'error', listener: (event: MessageEvent) => void) {
		if (type === 'message') this.#channel.port1.addEventListener('message', listener);
		// Its failures are plain events, as a worker's script error reaches the page.
		else this.#failures.push(listener as (event: Event) => void);
	}

	/** What the browser does when the worker's script throws or runs out of memory. */
	crash() {
		for (const listener of this.#failures) listener(new Event('error'));
	}

	terminate() {
		this.ended = true;
		this.#channel.port1.close();
	}
}

let db: Connector;
let workers: ChannelWorker[];
let deps: ImportDeps;
const never = new AbortController().signal;
const quiet = () => undefined;

beforeEach(async () => {
	db = await startNodeDuckDB();
	workers = [];
	const parquet = remoteParquet(async () => {
		const worker = new ChannelWorker();
		workers.push(worker);
		return worker;
	});
	deps = { db, parquet: async () => parquet };
});

afterEach(() => {
	for (const worker of workers) worker.terminate();
});

describe('Parquet decoded in a worker', () => {
	it('brings every row, in order and with its types, and ends the worker once read', async () => {
		const rows = 200_000;
		const file = parquetOf(
			{
				n: Int32Array.from({ length: rows }, (_, i) => i),
				who: Array.from({ length: rows }, (_, i) => `a${i % 7}`)
			},
			120_000
		);
		const fractions: number[] = [];
		const staged = await stageFile(deps, file, 'big.parquet', never, (progress) => {
			if (progress.fraction !== undefined) fractions.push(progress.fraction);
		});
		expect(staged).toMatchObject({ format: 'parquet', rows });
		expect(staged.columns.find((c) => c.name === 'n')?.type).toBe('INTEGER');
		expect(fractions.length).toBeGreaterThan(2);
		expect(fractions.at(-1)).toBe(1);
		const [check] = await db.query<{ n: number; misplaced: number; who: number }>(
			sql`SELECT count(*) AS n, count(*) FILTER (WHERE n <> __row - 1) AS misplaced,
			    count(DISTINCT who) AS who FROM import_raw`
		);
		expect(check).toEqual({ n: rows, misplaced: 0, who: 7 });
		// Its wasm memory goes with it.
		expect(workers.map((worker) => worker.ended)).toEqual([true]);
	});

	it('stops between batches when cancelled, and ends the worker', async () => {
		const file = parquetOf({ n: Int32Array.from({ length: 200_000 }, (_, i) => i) });
		const controller = new AbortController();
		const staging = stageFile(deps, file, 'big.parquet', controller.signal, (progress) => {
			if (progress.fraction !== undefined) controller.abort(new Error('Import cancelled'));
		});
		await expect(staging).rejects.toThrow('Import cancelled');
		expect(workers.map((worker) => worker.ended)).toEqual([true]);
	});

	it("says a damaged file is damaged, with the reader's reason", async () => {
		const parquet = parquetOf({ a: ['x', 'y'] });
		const staging = stageFile(deps, parquet.slice(0, parquet.size - 10), 't.parquet', never, quiet);
		await expect(staging).rejects.toThrow(/^This Parquet file is damaged or incomplete \(.+\)\.$/);
		expect(workers.map((worker) => worker.ended)).toEqual([true]);
	});

	it('fails with a clear message, not a hang, when the worker stops mid-way', async () => {
		const file = parquetOf({ n: Int32Array.from({ length: 200_000 }, (_, i) => i) });
		const staging = stageFile(deps, file, 'big.parquet', never, (progress) => {
			if (progress.fraction !== undefined) workers[0]!.crash();
		});
		await expect(staging).rejects.toThrow(
			'Row group 1 of this Parquet file cannot be read (the Parquet reader stopped unexpectedly).'
		);
		expect(workers[0]!.ended).toBe(true);
	});
});
