import type { Connector } from '$lib/db/connector';

export interface ParquetBatch {
	readonly numRows: number;
	intoIPCStream(): Uint8Array;
}

export interface ParquetStreamOptions {
	rowGroups?: number[];
	batchSize?: number;
}

/** An open file, as parquet-wasm's `ParquetFile` is. */
export interface ParquetFileHandle {
	metadata(): { numRowGroups(): number; fileMetadata(): { numRows(): number } };
	stream(options?: ParquetStreamOptions): Promise<ReadableStream<ParquetBatch>>;
	free(): void;
}

/** The part of parquet-wasm this module uses; the browser and Node builds both provide it. */
export interface ParquetModule {
	ParquetFile: { fromFile(handle: Blob): Promise<ParquetFileHandle> };
}

/**
 * Rows decoded and handed to the database at a time. A whole row group (a million rows in
 * files written with the usual defaults) decoded at once held the group three times over on its
 * way to the database, in wasm memory that is never given back: about 600 MB of the browser's
 * peak for a million-row group, against a few tens of MB in batches of this size.
 */
const BATCH_ROWS = 65_536;

export const reason = (error: unknown) => String(error).replace(/^Error: /, '');

/**
 * The reader itself failed (its worker did not start, or stopped), not the file: said as it is,
 * rather than as a damaged file.
 */
export class ParquetReaderError extends Error {}

/** An error of reading the file, in the file's terms unless the reader itself failed. */
const fileError = (error: unknown, what: string) =>
	error instanceof ParquetReaderError ? error : new Error(`${what} (${reason(error)}).`);

/**
 * Decodes a Parquet file into a DuckDB table, a batch of rows at a time, so that progress can be
 * shown, the person can cancel between batches, and memory holds one batch rather than the file
 * (DuckDB's Parquet reader is an extension that stays off: see DESIGN.md).
 */
export async function readParquetInto(
	parquet: ParquetModule,
	db: Connector,
	table: string,
	file: Blob,
	signal: AbortSignal,
	onProgress: (done: number, total: number) => void
): Promise<void> {
	let handle;
	let groups: number;
	let total: number;
	try {
		handle = await parquet.ParquetFile.fromFile(file);
		const metadata = handle.metadata();
		groups = metadata.numRowGroups();
		total = metadata.fileMetadata().numRows();
	} catch (error) {
		throw fileError(error, 'This Parquet file is damaged or incomplete');
	}
	try {
		if (groups === 0 || total === 0) throw new Error('This Parquet file holds no rows.');
		let done = 0;
		let created = false;
		for (let group = 0; group < groups; group++) {
			const cannotRead = (error: unknown) =>
				fileError(error, `Row group ${group + 1} of this Parquet file cannot be read`);
			signal.throwIfAborted();
			let reader: ReadableStreamDefaultReader<ParquetBatch>;
			try {
				reader = (await handle.stream({ rowGroups: [group], batchSize: BATCH_ROWS })).getReader();
			} catch (error) {
				throw cannotRead(error);
			}
			try {
				for (;;) {
					let next: ReadableStreamReadResult<ParquetBatch>;
					try {
						next = await reader.read();
					} catch (error) {
						throw cannotRead(error);
					}
					if (next.done) break;
					const rows = next.value.numRows;
					await db.insertArrow(table, next.value.intoIPCStream(), created);
					created = true;
					done += rows;
					onProgress(done, total);
					signal.throwIfAborted();
				}
			} finally {
				// Stops decoding the rest of the group when the import ends early.
				await reader.cancel().catch(() => undefined);
			}
		}
	} finally {
		handle.free();
	}
}
