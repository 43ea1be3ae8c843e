import init, * as parquet from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { reason } from './parquet';
import {
	serveParquet,
	type Endpoint,
	type ParquetRequest,
	type ParquetStart
} from './parquet-remote';

// The project is typed for the page, where `self` is a window; here it is the worker's scope,
// whose postMessage takes a transfer list.
const page = self as unknown as Endpoint<ParquetRequest>;

init({ module_or_path: wasmUrl }).then(
	() => {
		serveParquet(parquet, page);
		page.postMessage({ started: true } satisfies ParquetStart);
	},
	(error: unknown) =>
		page.postMessage({ started: false, reason: reason(error) } satisfies ParquetStart)
);
