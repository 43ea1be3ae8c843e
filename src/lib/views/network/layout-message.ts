import type { LaidOutLink, LaidOutNode, LayoutOptions } from './layout';

/**
 * A layout to make, as few objects as the worker needs: cloning thousands of links as objects
 * into a message took tens of milliseconds of the page's thread at 2,000 actors.
 */
export interface LayoutRequest {
	id: number;
	/** Each actor's id and events (its radius), by node index. */
	ids: string[];
	events: Float64Array;
	/** Link l joins the nodes at `ends[2l]` and `ends[2l + 1]`; -1 for an actor not among them. */
	ends: Int32Array;
	options: Omit<LayoutOptions, 'pinned'> & { pinned: [string, { x: number; y: number }][] };
}

/** The request for a layout of `nodes` and `links`; its arrays' buffers can be handed over. */
export function layoutRequest(
	id: number,
	nodes: readonly LaidOutNode[],
	links: readonly LaidOutLink[],
	options: LayoutOptions
): LayoutRequest {
	const ids = nodes.map((node) => node.id);
	const indexOf = new Map(ids.map((nodeId, i) => [nodeId, i]));
	const ends = new Int32Array(links.length * 2);
	links.forEach((link, l) => {
		ends[2 * l] = indexOf.get(link.source) ?? -1;
		ends[2 * l + 1] = indexOf.get(link.target) ?? -1;
	});
	return {
		id,
		ids,
		events: Float64Array.from(nodes, (node) => node.events),
		ends,
		options: { ...options, pinned: [...(options.pinned ?? [])] }
	};
}

/**
 * What `layoutNetwork` takes, read back from a request. A link to an actor not among the nodes
 * fails it, as the layout itself would have failed on the actor's id.
 */
export function layoutInput(request: LayoutRequest) {
	const { ids, events, ends, options } = request;
	const nodes = ids.map((id, i) => ({ id, events: events[i]! }));
	const id = (end: number) => {
		const found = ids[end];
		if (found === undefined) throw new Error('node not found: a link names an actor not drawn');
		return found;
	};
	const links = Array.from({ length: ends.length / 2 }, (_, l) => ({
		source: id(ends[2 * l]!),
		target: id(ends[2 * l + 1]!)
	}));
	return { nodes, links, options: { ...options, pinned: new Map(options.pinned) } };
}

/** Node i's x, y and radius at [3i, 3i + 2]: one buffer handed over, not thousands of objects. */
export interface LayoutAnswer {
	id: number;
	positions: Float64Array;
}
