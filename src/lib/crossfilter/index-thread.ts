import { buildEventIndex, type EventIndex, type IndexInput } from './event-index';

/**
 * The buffers under every typed array in `value`, once each: what a message hands over instead
 * of copying. Columns read from one Arrow batch share a buffer, and a buffer listed twice
 * cannot be transferred.
 */
export function buffersOf(value: unknown): ArrayBuffer[] {
	const buffers = new Set<ArrayBuffer>();
	const visit = (item: unknown) => {
		if (ArrayBuffer.isView(item)) {
			if (item.buffer instanceof ArrayBuffer) buffers.add(item.buffer);
		} else if (item && typeof item === 'object' && !(item instanceof Map)) {
			// Records of columns and lists of slices; maps here hold texts and numbers only.
			for (const child of Object.values(item)) visit(child);
		}
	};
	visit(value);
	return [...buffers];
}

/**
 * Builds the index in a Web Worker: at millions of events the build takes seconds, which on
 * the page's thread would freeze it right after its first paint. The input's buffers are
 * handed over, and so are the index's on the way back. Without Worker (Node, the tests) it is
 * built here.
 */
export function buildOffThread(input: IndexInput): Promise<EventIndex> {
	if (typeof Worker === 'undefined') return Promise.resolve(buildEventIndex(input));
	const worker = new Worker(new URL('./index.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<EventIndex>((resolve, reject) => {
		worker.onmessage = ({ data }: MessageEvent<EventIndex>) => resolve(data);
		worker.onerror = (event) => reject(new Error(event.message || 'The index could not be built.'));
		worker.postMessage(input, { transfer: buffersOf(input) });
	}).finally(() => worker.terminate());
}
