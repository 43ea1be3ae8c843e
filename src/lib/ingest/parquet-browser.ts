import { ParquetReaderError, type ParquetModule } from './parquet';
import { remoteParquet, type ParquetStart, type ParquetWorker } from './parquet-remote';

/** A parquet-wasm worker, once its wasm (served from our own origin) has started. */
function startWorker(): Promise<ParquetWorker> {
	const worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module' });
	// Its listeners go once it has started: from then on the file's connection listens.
	const started = new AbortController();
	return new Promise<ParquetWorker>((resolve, reject) => {
		const fail = (why: string) => {
			worker.terminate();
			reject(new ParquetReaderError(`The Parquet reader could not start (${why}).`));
		};
		const { signal } = started;
		worker.addEventListener(
			'message',
			({ data }: MessageEvent<ParquetStart>) => {
				if (data.started) resolve(worker);
				else fail(data.reason);
			},
			{ signal }
		);
		worker.addEventListener(
			'error',
			(event) => {
				event.preventDefault();
				fail(event.message || 'its script did not load');
			},
			{ signal }
		);
	}).finally(() => started.abort());
}

/**
 * parquet-wasm's browser build, a worker for each file (parquet-remote.ts). The first worker is
 * started here, so that a reader that cannot start fails the import before any file is read.
 */
export async function loadParquet(): Promise<ParquetModule> {
	let spare: ParquetWorker | undefined = await startWorker();
	return remoteParquet(() => {
		const worker = spare;
		spare = undefined;
		return worker ? Promise.resolve(worker) : startWorker();
	});
}
