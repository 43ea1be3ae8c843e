/**
 * Downloads a URL into a Blob, reporting bytes as they arrive, so a dataset link shows
 * progress and can be cancelled. Only http(s) URLs are fetched.
 */
export async function fetchFile(
	url: string,
	signal: AbortSignal,
	onProgress: (loaded: number, total: number | undefined) => void
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
	const total = Number(response.headers.get('content-length')) || undefined;
	if (!response.body) return response.blob();
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let loaded = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		loaded += value.length;
		onProgress(loaded, total);
	}
	return new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? '' });
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
