import type { Transform } from './hit';
import type { PlacedNode } from './layout';
import { linkCurve, RELATION_BEND, type Curve, type Point } from './marks';
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

/**
 * Draws the relations and links of `scene` at transform `t` onto a layer's context: one stroke
 * (and one fill for arrowheads) per batch. The costly part of a frame, so a pan or zoom in
 * progress reuses the layer and it is redrawn once the view settles.
 */
export function drawLinks(
	context: CanvasRenderingContext2D,
	scene: Scene,
	t: Transform,
	size: { width: number; height: number },
	dpr: number
) {
	const screen = (node: PlacedNode): Point => ({ x: t.x + t.k * node.x, y: t.y + t.k * node.y });
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

	for (const batch of scene.batches) {
		context.globalAlpha = batch.opacity;
		context.strokeStyle = batch.colour;
		context.fillStyle = batch.colour;
		context.lineWidth = batch.width;
		context.beginPath();
		const heads = batch.arrows ? new Path2D() : undefined;
		for (const { source, target, bend } of batch.links) {
			const c = linkCurve(screen(source), screen(target), target.r, bend, 3);
			context.moveTo(c.x0, c.y0);
			context.quadraticCurveTo(c.cx, c.cy, c.x1, c.y1);
			if (heads) arrowhead(heads, c);
		}
		context.stroke();
		if (heads) context.fill(heads);
	}
	context.globalAlpha = 1;
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
	const screen = (node: PlacedNode): Point => ({ x: t.x + t.k * node.x, y: t.y + t.k * node.y });
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
