import type { NetworkNodeRow, NetworkRelationRow } from '$lib/db/queries/network';
import { leverColour } from '$lib/model/levers';
import type { NetworkLink } from './graph';
import { projector, type Transform } from './hit';
import { thinLabels, type PlacedLabel } from './labels';
import type { PlacedNode } from './layout';
import {
	actorLabel,
	labelBudget,
	linkBend,
	linkOpacity,
	linkWidthScale,
	nodeOpacity
} from './marks';

/**
 * A network as a canvas draws it and as its SVG export writes it: marks styled once, in layout
 * coordinates, so panning only re-projects them. Links sharing a stroke are batched: a canvas
 * strokes each batch as one path.
 */
export interface Scene {
	batches: LinkBatch[];
	relations: { source: PlacedNode; target: PlacedNode }[];
	nodes: SceneNode[];
}

export interface LinkBatch {
	colour: string;
	width: number;
	opacity: number;
	/** Whether its links carry arrowheads: not where links are too faint to show them. */
	arrows: boolean;
	links: { source: PlacedNode; target: PlacedNode; bend: number }[];
}

export interface SceneNode {
	at: PlacedNode;
	name: string;
	/** What a screen reader would hear; the SVG export's title for the mark. */
	label: string;
	fill: string;
	opacity: number;
	focused: boolean;
	pinned: boolean;
}

export interface SceneInput {
	nodes: NetworkNodeRow[];
	links: NetworkLink[];
	relations: NetworkRelationRow[];
	position: (id: string) => PlacedNode | undefined;
	fill: (node: NetworkNodeRow) => string;
	highlight: ReadonlySet<string> | undefined;
	focused: string | undefined;
	pinned: ReadonlySet<string>;
}

/** Widths are rounded to a quarter pixel so that a few dozen batches cover every link. */
const WIDTH_STEP = 0.25;
/**
 * Links fainter than this get no arrowhead: among thousands of faint links they are noise, and
 * filling them was most of a canvas frame's cost (profiled at 2,000 actors).
 */
const ARROWS_FROM_OPACITY = 0.3;

export function buildScene(input: SceneInput): Scene {
	const { links, highlight } = input;
	const widthScale = linkWidthScale(links);
	// Keyed by colour, then by a number for width and opacity: a string key holding both took
	// 8 ms for 20,000 links in Node, most of it writing fractions as text, at every brush step.
	const byColour = new Map<string, Map<number, LinkBatch>>();
	const batches: LinkBatch[] = [];
	for (const link of links) {
		const source = input.position(link.source);
		const target = input.position(link.target);
		if (!source || !target) continue;
		const colour = leverColour(link.lever ?? '');
		const steps = Math.round(widthScale(link.events) / WIDTH_STEP);
		const opacity = linkOpacity(link, links.length, highlight);
		let byStroke = byColour.get(colour);
		if (!byStroke) byColour.set(colour, (byStroke = new Map()));
		// Opacity is one of a few values, each a whole number of hundredths: under 128.
		const key = steps * 128 + Math.round(opacity * 100);
		let batch = byStroke.get(key);
		if (!batch) {
			const width = steps * WIDTH_STEP;
			batch = { colour, width, opacity, arrows: opacity >= ARROWS_FROM_OPACITY, links: [] };
			byStroke.set(key, batch);
			batches.push(batch);
		}
		batch.links.push({ source, target, bend: linkBend(link) });
	}
	return {
		// Faint batches first, so highlighted links are drawn over the rest.
		batches: batches.sort((a, b) => a.opacity - b.opacity),
		relations: input.relations.flatMap((relation) => {
			const source = input.position(relation.source);
			const target = input.position(relation.target);
			return source && target ? [{ source, target }] : [];
		}),
		nodes: input.nodes.flatMap((node) => {
			const at = input.position(node.id);
			return at
				? [
						{
							at,
							name: node.name,
							label: actorLabel(node),
							fill: input.fill(node),
							opacity: nodeOpacity(node.id, highlight),
							focused: input.focused === node.id,
							pinned: input.pinned.has(node.id)
						}
					]
				: [];
		})
	};
}

/** The labels that fit at transform `t`, busiest actors and `always` first. */
export function sceneLabels(
	scene: Scene,
	t: Transform,
	always: ReadonlySet<string>
): (PlacedLabel & { text: string; opacity: number })[] {
	const byId = new Map(scene.nodes.map((node) => [node.at.id, node]));
	const screen = projector(t);
	const placed = thinLabels(
		scene.nodes.map((node, i) => ({
			id: node.at.id,
			...screen(node.at),
			r: node.at.r,
			text: node.name,
			// Nodes come busiest first.
			priority: -i
		})),
		always,
		labelBudget(scene.nodes.length)
	);
	return placed.map((label) => {
		const node = byId.get(label.id)!;
		return { ...label, text: node.name, opacity: node.opacity };
	});
}
