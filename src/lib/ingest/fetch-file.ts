/** Where a download goes: memory by default, or a file on disk that a store provides. */
export type DownloadSink = (body: ReadableStream<Uint8Array>) => Promise<Blob>;

/**
 * Downloads a URL, reporting bytes as they arrive, so a dataset link shows progress and can
 * be cancelled. Only http(s) URLs are fetched. With a `sink` the bytes stream straight to it:
 * Chromium cannot read back a Blob of several hundred MB assembled in memory from chunks, while
 * a file written to disk reads back in slices.
 */
export async function fetchFile(
	url: string,
	signal: AbortSignal,
	onProgress: (loaded: number, total: number | undefined) => void,
	sink: DownloadSink = inMemory
): Promise<Blob> {
	let parsed: URL;
	try {
		parsed = new URL(url, location.href);
	} catch {
		throw new Error(`“${url}” is not a web address.`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new Error(`Only http and https addresses can be loaded, not “${parsed.protocol}”.`);
	}
	let response: Response;
	try {
		response = await fetch(parsed, { signal, credentials: 'omit' });
	} catch (error) {
		signal.throwIfAborted();
		throw new Error(
			`Could not download ${parsed.href}: the server is unreachable or does not allow other sites to read it (CORS). ${String(error)}`
		);
	}
	if (!response.ok) throw new Error(`Could not download ${parsed.href}: HTTP ${response.status}.`);
	if (!response.body) return response.blob();
	const total = Number(response.headers.get('content-length')) || undefined;
	let loaded = 0;
	const counted = response.body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				loaded += chunk.length;
				onProgress(loaded, total);
				controller.enqueue(chunk);
			}
		}),
		{ signal }
	);
	try {
		return await sink(counted);
	} catch (error) {
		signal.throwIfAborted();
		throw new Error(`Could not download ${parsed.href}: ${String(error)}`);
	}
}

async function inMemory(body: ReadableStream<Uint8Array>): Promise<Blob> {
	return new Response(body).blob();
}

/** The name a downloaded file goes by: the last part of its path, or the whole address. */
export function fileNameOf(url: string): string {
	try {
		const last = new URL(url, 'http://localhost/').pathname.split('/').pop() ?? '';
		return decodeURIComponent(last) || url;
	} catch {
		return url;
	}
}
