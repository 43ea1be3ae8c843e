import { scaleSqrt } from 'd3';
import type { NetworkLink } from './graph';

/**
 * How links are drawn, shared by the SVG and canvas renderers and the SVG export, so all three
 * draw the same picture.
 */

export interface Point {
	x: number;
	y: number;
}

/** A quadratic curve in screen coordinates: start, control point, end. */
export interface Curve {
	x0: number;
	y0: number;
	cx: number;
	cy: number;
	x1: number;
	y1: number;
}

/** Bend of a link's curve: mutual links bend more, so the two directions stay apart. */
export const linkBend = (link: NetworkLink) => (link.mutual ? 0.18 : 0.08);
export const RELATION_BEND = -0.12;

/**
 * A curve from `source` to `target` (screen coordinates), bulging to the right of the
 * direction of travel by `bend` of its length, stopping `gap` short of the target's rim of
 * radius `r` so an arrowhead shows.
 */
export function linkCurve(
	source: Point,
	target: Point,
	r: number,
	bend: number,
	gap: number
): Curve {
	const { x: x0, y: y0 } = source;
	const { x: x1, y: y1 } = target;
	const dx = x1 - x0;
	const dy = y1 - y0;
	const length = Math.hypot(dx, dy) || 1;
	const cx = (x0 + x1) / 2 - (dy / length) * length * bend;
	const cy = (y0 + y1) / 2 + (dx / length) * length * bend;
	const ex = x1 - cx;
	const ey = y1 - cy;
	const e = Math.hypot(ex, ey) || 1;
	return { x0, y0, cx, cy, x1: x1 - (ex / e) * (r + gap), y1: y1 - (ey / e) * (r + gap) };
}

export const curvePath = (c: Curve) => `M${c.x0},${c.y0}Q${c.cx},${c.cy} ${c.x1},${c.y1}`;

/** Link stroke widths in pixels, by the number of events on the link. */
export function linkWidthScale(links: NetworkLink[]) {
	return scaleSqrt()
		.domain([1, links.reduce((most, link) => Math.max(most, link.events), 2)])
		.range([1.2, 7]);
}

/**
 * A link's opacity: the more links, the fainter each, so that dense parts read as density;
 * with a highlight, links inside it stand out and the rest nearly vanish.
 */
export function linkOpacity(
	link: NetworkLink,
	count: number,
	highlight: ReadonlySet<string> | undefined
): number {
	if (highlight) return highlight.has(link.source) && highlight.has(link.target) ? 0.95 : 0.06;
	return count > 250 ? 0.18 : count > 80 ? 0.35 : 0.6;
}

export const nodeOpacity = (id: string, highlight: ReadonlySet<string> | undefined) =>
	highlight && !highlight.has(id) ? 0.25 : 1;

/** Labels a chart shows at most: beyond a few hundred actors only the busiest keep theirs. */
export const labelBudget = (nodes: number) => (nodes > 150 ? 60 : 400);

/**
 * Where the arrow keys, Home and End take the keyboard among `count` actors from `index`
 * (wrapping around), or undefined for any other key.
 */
export function walk(key: string, index: number, count: number): number | undefined {
	const step: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
	if (key in step) return (index + step[key]! + count) % count;
	if (key === 'Home') return 0;
	if (key === 'End') return count - 1;
	return undefined;
}

/** What a screen reader hears of an actor, and an exported file's title for its mark. */
export const actorLabel = (node: {
	name: string;
	events: number;
	as_actor: number;
	as_target: number;
}) => `${node.name}: ${node.events} events, ${node.as_actor} as actor, ${node.as_target} as target`;

/**
 * Above these counts the network is drawn on a canvas instead of as SVG elements: at 500
 * actors and ~3,000 links the SVG was half of the page's elements and most of its drawing on
 * each filter change. Below them SVG keeps one focusable element per actor.
 */
export const CANVAS_NODES = 400;
export const CANVAS_LINKS = 2_000;

export const drawsOnCanvas = (nodes: number, links: number) =>
	nodes > CANVAS_NODES || links > CANVAS_LINKS;
