import { quadtree, type Quadtree, type QuadtreeLeaf } from 'd3';
import type { PlacedNode } from './layout';

/** Extra reach around a node, in pixels, so small nodes are not fiddly to point at. */
const REACH = 2;

export interface Transform {
	x: number;
	y: number;
	k: number;
}

/** Projects layout coordinates to the screen at transform `t`. */
export const projector =
	(t: Transform) =>
	(node: { x: number; y: number }): { x: number; y: number } => ({
		x: t.x + t.k * node.x,
		y: t.y + t.k * node.y
	});

/** A spatial index of placed nodes, in layout coordinates, for pointing at them on a canvas. */
export function nodeTree(placed: Iterable<PlacedNode>): Quadtree<PlacedNode> {
	return quadtree<PlacedNode>()
		.x((node) => node.x)
		.y((node) => node.y)
		.addAll([...placed]);
}

/**
 * The node under the screen point (px, py) when the layout is drawn with transform `t`, or
 * undefined. Radii are in pixels (they do not grow with zoom), positions in layout units; where
 * circles overlap, the one whose centre is nearest wins.
 */
export function nodeAt(
	tree: Quadtree<PlacedNode>,
	t: Transform,
	px: number,
	py: number,
	maxRadius: number
): PlacedNode | undefined {
	const x = (px - t.x) / t.k;
	const y = (py - t.y) / t.k;
	const reach = (maxRadius + REACH) / t.k;
	let best: PlacedNode | undefined;
	let bestDistance = Infinity;
	tree.visit((quad, x0, y0, x1, y1) => {
		if (!quad.length) {
			for (let leaf: QuadtreeLeaf<PlacedNode> | undefined = quad; leaf; leaf = leaf.next) {
				const node = leaf.data;
				const distance = Math.hypot(node.x - x, node.y - y) * t.k;
				if (distance <= node.r + REACH && distance < bestDistance) {
					best = node;
					bestDistance = distance;
				}
			}
		}
		return x0 > x + reach || x1 < x - reach || y0 > y + reach || y1 < y - reach;
	});
	return best;
}
