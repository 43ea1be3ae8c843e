import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as parquetWasm from 'parquet-wasm/node';
import type { ParquetModule } from '../../src/lib/ingest/parquet';

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
