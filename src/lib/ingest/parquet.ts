import type { Connector } from '$lib/db/connector';

/** The part of parquet-wasm this module uses; the browser and Node builds both provide it. */
export interface ParquetModule {
	ParquetFile: {
		fromFile(handle: Blob): Promise<{
			metadata(): { numRowGroups(): number };
			read(options?: { rowGroups?: number[] } | null): Promise<{ intoIPCStream(): Uint8Array }>;
		}>;
	};
}

/**
 * Decodes a Parquet file into a DuckDB table, one row group at a time, so that progress can be
 * shown and the person can cancel between groups (DuckDB's Parquet reader is an extension that
 * stays off: see DESIGN.md).
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
	try {
		handle = await parquet.ParquetFile.fromFile(file);
	} catch (error) {
		throw new Error(
			`This Parquet file is damaged or incomplete (${String(error).replace(/^Error: /, '')}).`
		);
	}
	const groups = handle.metadata().numRowGroups();
	if (groups === 0) throw new Error('This Parquet file holds no rows.');
	for (let group = 0; group < groups; group++) {
		signal.throwIfAborted();
		let ipc: Uint8Array;
		try {
			ipc = (await handle.read({ rowGroups: [group] })).intoIPCStream();
		} catch (error) {
			throw new Error(
				`Row group ${group + 1} of this Parquet file cannot be read (${String(error).replace(/^Error: /, '')}).`
			);
		}
		await db.insertArrow(table, ipc, group > 0);
		onProgress(group + 1, groups);
	}
}
