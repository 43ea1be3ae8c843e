import {
	ParquetReaderError,
	reason,
	type ParquetBatch,
	type ParquetFileHandle,
	type ParquetModule,
	type ParquetStreamOptions
} from './parquet';

/** What the page asks of the worker decoding a file, and what each answer carries. */
interface Operations {
	open: { args: { file: Blob }; result: { groups: number; rows: number } };
	stream: { args: { options: ParquetStreamOptions | undefined }; result: null };
	/** The stream's next batch as an Arrow IPC stream, or null once it has ended. */
	read: { args: object; result: { rows: number; ipc: Uint8Array } | null };
	cancel: { args: object; result: null };
}

type Operation = keyof Operations;

export type ParquetRequest = {
	[K in Operation]: { id: number; op: K } & Operations[K]['args'];
}[Operation];

export type ParquetReply =
	{ id: number; result: Operations[Operation]['result'] } | { id: number; error: string };

/** The side of a worker (or of a message channel) each end of the exchange talks through. */
export interface Endpoint<Receives> {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<Receives>) => void): void;
}

/** A worker as the page sees it: it can also fail to start, and be ended. */
export interface ParquetWorker extends Endpoint<ParquetReply> {
	addEventListener(type: 'error', listener: (event: Event) => void): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<ParquetReply>) => void): void;
	terminate(): void;
}

/** What a worker posts first: whether parquet-wasm started in it. */
export type ParquetStart = { started: true } | { started: false; reason: string };

/**
 * Answers a page's requests with parquet-wasm, in the worker: one file, one stream at a time,
 * requests taken in the order they came so that a cancel waits for the read before it.
 */
export function serveParquet(parquet: ParquetModule, page: Endpoint<ParquetRequest>): void {
	let file: ParquetFileHandle | undefined;
	let reader: ReadableStreamDefaultReader<ParquetBatch> | undefined;
	const opened = () => {
		if (!file) throw new Error('No Parquet file is open.');
		return file;
	};
	async function answer(request: ParquetRequest): Promise<void> {
		const reply = (result: Operations[Operation]['result'], transfer: Transferable[] = []) =>
			page.postMessage({ id: request.id, result } satisfies ParquetReply, transfer);
		switch (request.op) {
			case 'open': {
				file = await parquet.ParquetFile.fromFile(request.file);
				const metadata = file.metadata();
				const groups = metadata.numRowGroups();
				reply({ groups, rows: metadata.fileMetadata().numRows() });
				return;
			}
			case 'stream':
				await reader?.cancel();
				reader = (await opened().stream(request.options)).getReader();
				reply(null);
				return;
			case 'read': {
				if (!reader) throw new Error('No Parquet stream is open.');
				const next = await reader.read();
				if (next.done) {
					reply(null);
					return;
				}
				const rows = next.value.numRows;
				// A copy out of the wasm memory, so its buffer can be handed over whole.
				const ipc = next.value.intoIPCStream();
				reply({ rows, ipc }, [ipc.buffer]);
				return;
			}
			case 'cancel':
				await reader?.cancel();
				reader = undefined;
				reply(null);
		}
	}
	let queue = Promise.resolve();
	page.addEventListener('message', ({ data }) => {
		queue = queue
			.then(() => answer(data))
			.catch((error: unknown) =>
				page.postMessage({ id: data.id, error: reason(error) } satisfies ParquetReply)
			)
			// Only a closed channel refuses a line of text, and then nobody waits for an answer;
			// the queue must go on for the requests after it all the same.
			.catch(() => undefined);
	});
}

/** The page's end of one worker, the requests it has out, and how the worker ended. */
class Connection {
	#next = 0;
	readonly #pending = new Map<
		number,
		{ resolve: (r: unknown) => void; reject: (e: Error) => void }
	>();
	#ended: Error | undefined;

	constructor(private readonly worker: ParquetWorker) {
		worker.addEventListener('message', ({ data }) => {
			const pending = this.#pending.get(data.id);
			if (!pending) return;
			this.#pending.delete(data.id);
			if ('error' in data) pending.reject(new Error(data.error));
			else pending.resolve(data.result);
		});
		worker.addEventListener('error', (event) => {
			event.preventDefault();
			this.#end(
				new ParquetReaderError('The Parquet reader stopped unexpectedly; try the import again.')
			);
		});
	}

	ask<K extends Operation>(op: K, args: Operations[K]['args']): Promise<Operations[K]['result']> {
		if (this.#ended) return Promise.reject(this.#ended);
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
			this.worker.postMessage({ id, op, ...args });
		});
	}

	close() {
		this.#end(new Error('The Parquet file was closed.'));
	}

	#end(error: Error) {
		if (this.#ended) return;
		this.#ended = error;
		this.worker.terminate();
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
	}
}

/**
 * parquet-wasm run in a worker of its own for each file, ended when the file is freed. Its
 * wasm memory is never given back while the instance lives: decoding three million events on
 * the page left 164 MB there for the page's life. Decoding in the worker also lets the next
 * batch decode while the database takes the last one. `start` answers once the worker is ready.
 */
export function remoteParquet(start: () => Promise<ParquetWorker>): ParquetModule {
	return {
		ParquetFile: {
			async fromFile(file: Blob) {
				const connection = new Connection(await start());
				let metadata: Operations['open']['result'];
				try {
					metadata = await connection.ask('open', { file });
				} catch (error) {
					connection.close();
					throw error;
				}
				return {
					metadata: () => ({
						numRowGroups: () => metadata.groups,
						fileMetadata: () => ({ numRows: () => metadata.rows })
					}),
					async stream(options) {
						await connection.ask('stream', { options });
						return new ReadableStream<ParquetBatch>({
							async pull(controller) {
								const batch = await connection.ask('read', {});
								if (!batch) controller.close();
								else controller.enqueue({ numRows: batch.rows, intoIPCStream: () => batch.ipc });
							},
							async cancel() {
								await connection.ask('cancel', {}).catch(() => undefined);
							}
						});
					},
					free: () => connection.close()
				};
			}
		}
	};
}
