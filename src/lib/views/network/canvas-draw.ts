import { projector, type Transform } from './hit';
import type { PlacedNode } from './layout';
import { linkCurve, RELATION_BEND, type Curve } from './marks';
import { NODE_OUTLINE } from './palette';
import type { LinkBatch, Scene } from './scene';

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
 * Links up to this wide (CSS pixels) are drawn as hairlines, one device pixel wide with their
 * opacity scaled by their width, so they keep their weight in the picture. Skia rasterises a
 * stroke of at most one device pixel on a fast path: in software here 9,000 curves took 15-30 ms
 * as hairlines and 150-200 ms at 1.2-3 pixels. Strong links stay wider, and so does a link
 * whose scaled opacity would pass 1 (a highlighted one): as a hairline it would lose weight.
 */
export const HAIRLINE_UP_TO = 2;
/** A wide link's rasterising cost in hairlines (about 20 µs against 2-3 µs here). */
export const WIDE_COST = 8;

/** How a batch's links are stroked on a canvas of `dpr` device pixels per CSS pixel. */
export function linkStroke(
	batch: Pick<LinkBatch, 'width' | 'opacity'>,
	dpr: number
): { width: number; opacity: number; cost: number } {
	const ink = batch.opacity * batch.width * dpr;
	if (batch.width > HAIRLINE_UP_TO || ink > 1) {
		return { width: batch.width, opacity: batch.opacity, cost: WIDE_COST };
	}
	return { width: 1 / dpr, opacity: ink, cost: 1 };
}

/**
 * Draws the links of `scene` from `from` on (batches in order, faint first) at transform `t`
 * onto a layer's context, one stroke (and one fill for arrowheads) per batch, until `budget`
 * is spent (a hairline costs 1, a wider link WIDE_COST; at least one link is drawn), and
 * returns where the next call starts. Rasterising thousands of translucent curves is the
 * costly part of a frame in software, so a large layer is drawn over several frames rather
 * than in one long task.
 */
export function drawLinkRange(
	context: CanvasRenderingContext2D,
	scene: Scene,
	t: Transform,
	from: number,
	budget: number,
	dpr: number
): number {
	const screen = projector(t);
	let next = from;
	let left = budget;
	let first = 0;
	for (const batch of scene.batches) {
		const last = first + batch.links.length;
		if (last > next) {
			const stroke = linkStroke(batch, dpr);
			const end = Math.min(last, next + Math.max(1, Math.floor(left / stroke.cost)));
			context.globalAlpha = stroke.opacity;
			context.strokeStyle = batch.colour;
			context.fillStyle = batch.colour;
			context.lineWidth = stroke.width;
			context.beginPath();
			const heads = batch.arrows ? new Path2D() : undefined;
			for (let j = next - first; j < end - first; j++) {
				const { source, target, bend } = batch.links[j]!;
				const c = linkCurve(screen(source), screen(target), target.r, bend, 3);
				context.moveTo(c.x0, c.y0);
				context.quadraticCurveTo(c.cx, c.cy, c.x1, c.y1);
				if (heads) arrowhead(heads, c);
			}
			context.stroke();
			if (heads) {
				context.globalAlpha = batch.opacity;
				context.fill(heads);
			}
			left -= (end - next) * stroke.cost;
			next = end;
			// The budget ran out within this batch: the next call goes on from here.
			if (end < last || left <= 0) break;
		}
		first = last;
	}
	context.globalAlpha = 1;
	return next;
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

	// Outlines one device pixel wide, as hairlines are (HAIRLINE_UP_TO): at 1.2 pixels, 2,000
	// outlined actors took 39-44 ms to rasterise here when the frame reached the screen, against
	// 24-30 ms (14 ms filled alone). The SVG keeps 1.2: it is rasterised off the main thread.
	context.strokeStyle = NODE_OUTLINE;
	for (const node of scene.nodes) {
		const p = screen(node.at);
		context.globalAlpha = node.opacity;
		context.beginPath();
		context.arc(p.x, p.y, node.at.r, 0, 2 * Math.PI);
		context.fillStyle = node.fill;
		context.fill();
		context.lineWidth = node.focused ? 3 : 1 / dpr;
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
