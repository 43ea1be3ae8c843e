import { escapeMarkup } from '$lib/export/escape';
import { projector, type Transform } from './hit';
import { curvePath, linkCurve, RELATION_BEND } from './marks';
import { NODE_OUTLINE } from './palette';
import type { Scene } from './scene';

export interface SceneSvgOptions {
	transform: Transform;
	labels: { x: number; y: number; text: string; opacity: number }[];
	width: number;
	height: number;
	ink: string;
}

const n = (value: number) => String(Math.round(value * 100) / 100);

/**
 * A canvas-drawn network as standalone SVG markup, for the SVG and PNG exports: the same marks
 * as on screen, in vector form, every actor titled as a screen reader would hear it. Data is
 * only ever written as escaped text and attribute values.
 */
export function sceneSvg(scene: Scene, options: SceneSvgOptions): string {
	const { transform: t, width, height } = options;
	const screen = projector(t);
	const colours = [
		...new Set(scene.batches.filter((batch) => batch.arrows).map((batch) => batch.colour))
	];
	const markers = colours.map(
		(colour, i) =>
			`<marker id="lw-arrow-${i}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${escapeMarkup(colour)}"/></marker>`
	);
	const relations = scene.relations.map(({ source, target }) => {
		const d = curvePath(linkCurve(screen(source), screen(target), target.r, RELATION_BEND, 1));
		return `<path d="${d}"/>`;
	});
	const links = scene.batches.flatMap((batch) => {
		const marker = batch.arrows
			? ` marker-end="url(#lw-arrow-${colours.indexOf(batch.colour)})"`
			: '';
		const style = `fill="none" stroke="${escapeMarkup(batch.colour)}" stroke-width="${batch.width}" opacity="${batch.opacity}"${marker}`;
		return batch.links.map(({ source, target, bend }) => {
			const d = curvePath(linkCurve(screen(source), screen(target), target.r, bend, 3));
			return `<path d="${d}" ${style}/>`;
		});
	});
	const nodes = scene.nodes.map((node) => {
		const p = screen(node.at);
		const dash = node.pinned ? ' stroke-dasharray="3 2"' : '';
		return `<g transform="translate(${n(p.x)},${n(p.y)})" opacity="${node.opacity}"><title>${escapeMarkup(node.label)}</title><circle r="${n(node.at.r)}" fill="${escapeMarkup(node.fill)}" stroke="${NODE_OUTLINE}" stroke-width="${node.focused ? 3 : 1.2}"${dash}/></g>`;
	});
	const labels = options.labels.map(
		(label) =>
			`<text x="${n(label.x)}" y="${n(label.y)}" dy="0.35em" opacity="${label.opacity}">${escapeMarkup(label.text)}</text>`
	);
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		`<defs>${markers.join('')}</defs>`,
		`<g fill="none" stroke="#555" stroke-width="1.2" stroke-dasharray="4 3" opacity="0.7">${relations.join('')}</g>`,
		`<g>${links.join('')}</g>`,
		`<g>${nodes.join('')}</g>`,
		`<g font-size="11" fill="${escapeMarkup(options.ink)}" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${labels.join('')}</g>`,
		'</svg>'
	].join('');
}
