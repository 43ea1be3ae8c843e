import type { NetworkNodeRow } from '$lib/db/queries/network';
import type { NetworkLink } from './graph';
import { radiusScale, type PlacedNode } from './layout';

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Where to draw a network until its layout arrives from the worker: actors already on screen
 * stay where they are, and a new one starts among its neighbours on screen, or near the centre
 * (spread on a spiral, so none hides another). The picture changes, the person's bearings
 * do not; the layout then moves everyone to rest.
 */
export function provisionalPlacement(
	nodes: NetworkNodeRow[],
	links: NetworkLink[],
	previous: ReadonlyMap<string, PlacedNode> | undefined,
	space: number
): Map<string, PlacedNode> {
	const radius = radiusScale(Math.max(1, ...nodes.map((node) => node.events)));
	const neighbours = new Map<string, string[]>();
	const meet = (a: string, b: string) => {
		const known = neighbours.get(a);
		if (known) known.push(b);
		else neighbours.set(a, [b]);
	};
	for (const link of links) {
		meet(link.source, link.target);
		meet(link.target, link.source);
	}
	let newcomers = 0;
	return new Map(
		nodes.map((node) => {
			const r = radius(node.events);
			const kept = previous?.get(node.id);
			if (kept) return [node.id, { id: node.id, x: kept.x, y: kept.y, r }];
			const placed = (neighbours.get(node.id) ?? []).flatMap((id) => previous?.get(id) ?? []);
			newcomers += 1;
			const angle = newcomers * GOLDEN_ANGLE;
			const step = 6 * Math.sqrt(newcomers);
			const [cx, cy] =
				placed.length > 0
					? [mean(placed.map((p) => p.x)), mean(placed.map((p) => p.y))]
					: [space / 2, space / 2];
			return [
				node.id,
				{ id: node.id, x: cx + step * Math.cos(angle), y: cy + step * Math.sin(angle), r }
			];
		})
	);
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
