import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as parquetWasm from 'parquet-wasm/node';
import type { ParquetModule } from '../../src/lib/ingest/parquet';
import {
	remoteParquet,
	serveParquet,
	type Endpoint,
	type ParquetReply,
	type ParquetRequest,
	type ParquetWorker
} from '../../src/lib/ingest/parquet-remote';

/** parquet-wasm's Node build, as the importer takes it. */
export const nodeParquet = parquetWasm as unknown as ParquetModule;

/** A Parquet file of these columns, in row groups of `rowGroupRows` when given. */
export function parquetOf(
	columns: Record<string, unknown[] | Int32Array>,
	rowGroupRows?: number
): Blob {
	const arrow = tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]);
	const table = parquetWasm.Table.fromIPCStream(tableToIPC(arrow, 'stream'));
	const properties = rowGroupRows
		? new parquetWasm.WriterPropertiesBuilder().setMaxRowGroupSize(rowGroupRows).build()
		: undefined;
	return new Blob([parquetWasm.writeParquet(table, properties) as BlobPart]);
}

/**
 * A stand-in for the browser's Parquet worker: serveParquet answers over a message channel, as
 * in parquet.worker.ts, so requests and batches cross a structured clone as they would there.
 */
export class ChannelWorker implements ParquetWorker {
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

/** parquet-wasm behind remoteParquet, a ChannelWorker per file, with the workers started. */
export function workerParquet(): { parquet: ParquetModule; workers: ChannelWorker[] } {
	const workers: ChannelWorker[] = [];
	const parquet = remoteParquet(async () => {
		const worker = new ChannelWorker();
		workers.push(worker);
		return worker;
	});
	return { parquet, workers };
}
