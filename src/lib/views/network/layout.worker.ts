import { layoutNetwork } from './layout';
import type { LayoutAnswer, LayoutRequest } from './layout-thread';

// A thin wrapper: the layout is the same pure function the unit tests run in Node.
self.onmessage = (event: MessageEvent<LayoutRequest>) => {
	const { id, nodes, links, options } = event.data;
	const placed = layoutNetwork(nodes, links, { ...options, pinned: new Map(options.pinned) });
	const positions = new Float64Array(nodes.length * 3);
	nodes.forEach((node, i) => {
		const at = placed.get(node.id)!;
		positions.set([at.x, at.y, at.r], i * 3);
	});
	const answer: LayoutAnswer = { id, positions };
	self.postMessage(answer, { transfer: [positions.buffer] });
};
