import type { NetworkNodeRow } from '$lib/db/queries/network';
import type { NetworkLink } from './graph';
import { layoutNetwork, type LayoutOptions, type PlacedNode } from './layout';
import { layoutRequest, type LayoutAnswer } from './layout-message';

/**
 * Up to this many actors the layout runs on the main thread: it takes a few tens of
 * milliseconds there (the shipped dataset's 63 actors), less than a worker takes to start.
 * Beyond, it takes hundreds (500 actors: about 400 ms here) and runs in a worker.
 */
export const MAIN_THREAD_NODES = 100;

/**
 * Lays networks out in a Web Worker, newest first: a request made while an older one runs
 * stops the worker (a force layout cannot be interrupted from inside) and starts a fresh one,
 * so a layout never waits behind a stale one and only the newest is ever answered.
 */
export class LayoutThread {
	#worker: Worker | undefined;
	#pending: Pending | undefined;
	#ids = 0;

	place(
		nodes: NetworkNodeRow[],
		links: NetworkLink[],
		options: LayoutOptions
	): Promise<Map<string, PlacedNode>> {
		this.stop();
		const worker = (this.#worker ??= this.#start());
		const request = layoutRequest(++this.#ids, nodes, links, options);
		return new Promise((resolve, reject) => {
			this.#pending = {
				id: request.id,
				placed: (positions) => resolve(placedFrom(nodes, positions)),
				// Without a worker (it failed to start, or the layout threw there), the layout is
				// tried here, where a failure reaches the view's error box.
				fallback: () => {
					try {
						resolve(layoutNetwork(nodes, links, options));
					} catch (error) {
						reject(error instanceof Error ? error : new Error(String(error)));
					}
				}
			};
			worker.postMessage(request, { transfer: [request.events.buffer, request.ends.buffer] });
		});
	}

	/** Drops the layout in progress, if any; its promise never settles. */
	stop() {
		if (this.#pending) this.dispose();
	}

	/** Ends the worker, busy or not (when the view goes away). */
	dispose() {
		this.#pending = undefined;
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#start(): Worker {
		const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = ({ data }: MessageEvent<LayoutAnswer>) => {
			const pending = this.#pending;
			if (pending?.id !== data.id) return;
			this.#pending = undefined;
			pending.placed(data.positions);
		};
		worker.onerror = () => {
			const pending = this.#pending;
			this.#pending = undefined;
			this.#worker = undefined;
			worker.terminate();
			pending?.fallback();
		};
		return worker;
	}
}

interface Pending {
	id: number;
	placed: (positions: Float64Array) => void;
	fallback: () => void;
}

function placedFrom(nodes: NetworkNodeRow[], positions: Float64Array): Map<string, PlacedNode> {
	return new Map(
		nodes.map((node, i) => [
			node.id,
			{ id: node.id, x: positions[3 * i]!, y: positions[3 * i + 1]!, r: positions[3 * i + 2]! }
		])
	);
}
