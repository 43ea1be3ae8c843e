import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetModule } from './parquet';

/** parquet-wasm's browser build, its wasm served from our own origin; started on first use. */
export async function loadParquet(): Promise<ParquetModule> {
	const parquet = await import('parquet-wasm/esm');
	await parquet.default({ module_or_path: wasmUrl });
	return parquet;
}
