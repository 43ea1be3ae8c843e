import { projector, type Transform } from './hit';
import type { PlacedNode } from './layout';
import { linkCurve, RELATION_BEND, type Curve } from './marks';
import { NODE_OUTLINE } from './palette';
import type { Scene } from './scene';

export interface CanvasFrame {
	scene: Scene;
	transform: Transform;
	labels: { x: number; y: number; text: string; opacity: number }[];
	/** The actor the keyboard is on, ringed while the chart has focus. */
	ring: PlacedNode | undefined;
	width: number;
	height: number;
	/** Colours from the page's stylesheet (a canvas cannot read CSS variables itself). */
	ink: string;
	focus: string;
	font: string;
}

const ARROW = 9;

/** Arrowhead at the curve's end, pointing along its last tangent (as the SVG marker does). */
function arrowhead(path: CanvasPath, c: Curve) {
	const dx = c.x1 - c.cx;
	const dy = c.y1 - c.cy;
	const length = Math.hypot(dx, dy) || 1;
	const [ux, uy] = [dx / length, dy / length];
	const [bx, by] = [c.x1 - ux * ARROW, c.y1 - uy * ARROW];
	path.moveTo(c.x1, c.y1);
	path.lineTo(bx - (uy * ARROW) / 2, by + (ux * ARROW) / 2);
	path.lineTo(bx + (uy * ARROW) / 2, by - (ux * ARROW) / 2);
	path.closePath();
}

/** Links drawn at some transform, to be shown again (moved and scaled) at another. */
export interface LinkLayer {
	image: CanvasImageSource;
	at: Transform;
}

/** How many links a scene draws, all batches together. */
export const linkCount = (scene: Scene) =>
	scene.batches.reduce((sum, batch) => sum + batch.links.length, 0);

/**
 * Clears a layer's context and draws the relations of `scene` at transform `t`: the start of
 * a link layer, whose links drawLinkRange then adds.
 */
export function startLinkLayer(
	context: CanvasRenderingContext2D,
	scene: Scene,
	t: Transform,
	size: { width: number; height: number },
	dpr: number
) {
	const screen = projector(t);
	context.setTransform(dpr, 0, 0, dpr, 0, 0);
	context.clearRect(0, 0, size.width, size.height);
	context.setLineDash([4, 3]);
	context.globalAlpha = 0.7;
	context.strokeStyle = '#555';
	context.lineWidth = 1.2;
	context.beginPath();
	for (const { source, target } of scene.relations) {
		const c = linkCurve(screen(source), screen(target), target.r, RELATION_BEND, 1);
		context.moveTo(c.x0, c.y0);
		context.quadraticCurveTo(c.cx, c.cy, c.x1, c.y1);
	}
	context.stroke();
	context.setLineDash([]);
	context.globalAlpha = 1;
}

/**
 * Draws links `from` to `from + count` of `scene` (batches in order, faint first) at
 * transform `t` onto a layer's context, one stroke (and one fill for arrowheads) per batch,
 * and returns where the next call starts. Rasterising thousands of translucent curves is the
 * costly part of a frame (about 10 µs a link here, in software), so a layer is drawn over
 * several frames rather than in one long task.
 */
export function drawLinkRange(
	context: CanvasRenderingContext2D,
	scene: Scene,
	t: Transform,
	from: number,
	count: number
): number {
	const screen = projector(t);
	const end = from + count;
	let first = 0;
	for (const batch of scene.batches) {
		const last = first + batch.links.length;
		if (last > from && first < end) {
			context.globalAlpha = batch.opacity;
			context.strokeStyle = batch.colour;
			context.fillStyle = batch.colour;
			context.lineWidth = batch.width;
			context.beginPath();
			const heads = batch.arrows ? new Path2D() : undefined;
			for (let j = Math.max(from, first) - first; j < Math.min(end, last) - first; j++) {
				const { source, target, bend } = batch.links[j]!;
				const c = linkCurve(screen(source), screen(target), target.r, bend, 3);
				context.moveTo(c.x0, c.y0);
				context.quadraticCurveTo(c.cx, c.cy, c.x1, c.y1);
				if (heads) arrowhead(heads, c);
			}
			context.stroke();
			if (heads) context.fill(heads);
		}
		first = last;
		if (first >= end) break;
	}
	context.globalAlpha = 1;
	return Math.min(end, first);
}

/**
 * Draws one frame: the link layer (moved and scaled from where it was drawn to the frame's
 * transform), then nodes, the keyboard ring and labels, which are cheap enough to draw anew.
 */
export function drawFrame(
	context: CanvasRenderingContext2D,
	frame: CanvasFrame,
	links: LinkLayer,
	dpr: number
) {
	const { scene, transform: t } = frame;
	const screen = projector(t);
	context.setTransform(dpr, 0, 0, dpr, 0, 0);
	context.clearRect(0, 0, frame.width, frame.height);
	const s = t.k / links.at.k;
	context.setTransform(
		dpr * s,
		0,
		0,
		dpr * s,
		dpr * (t.x - s * links.at.x),
		dpr * (t.y - s * links.at.y)
	);
	context.drawImage(links.image, 0, 0, frame.width, frame.height);
	context.setTransform(dpr, 0, 0, dpr, 0, 0);

	context.strokeStyle = NODE_OUTLINE;
	for (const node of scene.nodes) {
		const p = screen(node.at);
		context.globalAlpha = node.opacity;
		context.beginPath();
		context.arc(p.x, p.y, node.at.r, 0, 2 * Math.PI);
		context.fillStyle = node.fill;
		context.fill();
		context.lineWidth = node.focused ? 3 : 1.2;
		context.setLineDash(node.pinned ? [3, 2] : []);
		context.stroke();
	}
	context.setLineDash([]);

	if (frame.ring) {
		const p = screen(frame.ring);
		context.globalAlpha = 1;
		context.strokeStyle = frame.focus;
		context.lineWidth = 3;
		context.beginPath();
		context.arc(p.x, p.y, frame.ring.r + 3, 0, 2 * Math.PI);
		context.stroke();
	}

	context.font = frame.font;
	context.textBaseline = 'middle';
	context.lineJoin = 'round';
	context.lineWidth = 3;
	context.strokeStyle = '#fff';
	context.fillStyle = frame.ink;
	for (const label of frame.labels) {
		context.globalAlpha = label.opacity;
		context.strokeText(label.text, label.x, label.y);
		context.fillText(label.text, label.x, label.y);
	}
	context.globalAlpha = 1;
}
