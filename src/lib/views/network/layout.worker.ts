import { layoutNetwork } from './layout';
import { layoutInput, type LayoutAnswer, type LayoutRequest } from './layout-message';

// A thin wrapper: the layout is the same pure function the unit tests run in Node.
self.onmessage = (event: MessageEvent<LayoutRequest>) => {
	const { nodes, links, options } = layoutInput(event.data);
	const placed = layoutNetwork(nodes, links, options);
	const positions = new Float64Array(nodes.length * 3);
	nodes.forEach((node, i) => {
		const at = placed.get(node.id)!;
		positions.set([at.x, at.y, at.r], i * 3);
	});
	const answer: LayoutAnswer = { id: event.data.id, positions };
	self.postMessage(answer, { transfer: [positions.buffer] });
};
