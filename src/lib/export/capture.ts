import type { Attachment } from 'svelte/attachments';
import type { CapturedView, LegendBlock, Measure } from './svg';

/**
 * Reads a view as drawn on screen into self-contained SVG markup: the chart and the legends'
 * swatches are copied with their computed styles written on every element (the stylesheets
 * and CSS variables do not travel with a file), and anything they point to with `url(#…)`
 * elsewhere in the page, such as the status patterns, is copied in as a definition.
 */

/** Presentation that a stylesheet may set and that the file must carry itself. */
const PAINT = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-dasharray',
	'stroke-linejoin',
	'stroke-linecap',
	'paint-order',
	'opacity'
];
const TEXT = ['font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor'];
const TEXT_ELEMENTS = new Set(['text', 'tspan']);

/** Attributes that serve the page (styling hooks, focus, screen readers, tests), not a picture. */
const DROPPED = /^(class|style|tabindex|role|focusable|aria-.*|data-.*)$/;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** `url("http://page/#id")` as some browsers compute it, written back as a local `url(#id)`. */
function localUrl(value: string): string {
	return value.replace(/url\((['"]?)[^'")]*#([^'")]+)\1\)/g, 'url(#$2)');
}

function inlineStyle(source: Element, target: SVGElement) {
	if (source.localName === 'title') return;
	const computed = getComputedStyle(source);
	const properties = TEXT_ELEMENTS.has(source.localName) ? [...PAINT, ...TEXT] : PAINT;
	for (const property of properties) {
		const value = computed.getPropertyValue(property);
		if (value) target.setAttribute(property, localUrl(value));
	}
	if (computed.getPropertyValue('visibility') === 'hidden')
		target.setAttribute('visibility', 'hidden');
	if (computed.getPropertyValue('display') === 'none') target.setAttribute('display', 'none');
}

/**
 * A deep copy of an SVG element with computed styles inlined as presentation attributes. What a
 * screen reader would hear of a mark (its aria-label) becomes its `<title>`, so the file still
 * names every actor and event, and viewers show it as a tooltip. Copied element by element
 * rather than cloned, and styled by attributes rather than `style`: the Content-Security-Policy
 * refuses style attributes written as text (a clone copies d3-zoom's that way).
 */
function standalone(source: Element): SVGElement {
	const target = document.createElementNS(SVG_NS, source.localName) as SVGElement;
	for (const { name, namespaceURI, value } of source.attributes) {
		if (!DROPPED.test(name)) target.setAttributeNS(namespaceURI, name, value);
	}
	inlineStyle(source, target);
	const label = source.getAttribute('aria-label');
	if (label && source.localName !== 'title') {
		const title = document.createElementNS(SVG_NS, 'title');
		title.textContent = label;
		target.append(title);
	}
	for (const child of source.childNodes) {
		if (child instanceof Element) target.append(standalone(child));
		else if (child.nodeType === Node.TEXT_NODE) target.append(child.textContent ?? '');
	}
	return target;
}

const serialise = (element: Element) => new XMLSerializer().serializeToString(element);

/** Definitions for every `url(#id)` the markup uses but does not itself define. */
function definitions(markup: string[]): string[] {
	const defs: string[] = [];
	const seen = new Set<string>();
	const pending = [...markup];
	while (pending.length > 0) {
		const text = pending.pop()!;
		for (const [, id] of text.matchAll(/url\(#([^)]+)\)/g)) {
			if (!id || seen.has(id)) continue;
			seen.add(id);
			if (markup.some((part) => part.includes(`id="${id}"`))) continue;
			const element = document.getElementById(id);
			if (!(element instanceof SVGElement)) continue;
			const def = serialise(standalone(element));
			defs.push(def);
			pending.push(def);
		}
	}
	return defs;
}

function legend(element: HTMLElement): LegendBlock {
	return {
		title: element.dataset.title ?? '',
		items: [...element.querySelectorAll<HTMLElement>('[data-label]')].flatMap((item) => {
			const swatch = item.querySelector('svg');
			return swatch
				? [{ label: item.dataset.label ?? '', swatch: serialise(standalone(swatch)) }]
				: [];
		})
	};
}

/** How charts that are not SVG on screen (a canvas) write themselves as SVG, by element. */
const drawnAs = new WeakMap<Element, () => CapturedView['chart']>();

/**
 * For a chart drawn on a canvas: attach to the element marked `data-export="chart"` with a
 * function giving the same picture as self-contained SVG markup; exports call it instead of
 * cloning the element.
 */
export function exportsAs(markup: () => CapturedView['chart']): Attachment<Element> {
	return (element) => {
		drawnAs.set(element, markup);
		return () => drawnAs.delete(element);
	};
}

function captureChart(chart: Element): CapturedView['chart'] {
	const drawn = drawnAs.get(chart);
	if (drawn) return drawn();
	if (!(chart instanceof SVGSVGElement)) throw new Error('This chart cannot be exported.');
	return {
		markup: serialise(standalone(chart)),
		width: chart.width.baseVal.value,
		height: chart.height.baseVal.value
	};
}

/** The chart and legends of a view (an element marked `data-export-view`), ready to compose. */
export function captureView(view: Element): CapturedView {
	const element = view.querySelector('[data-export="chart"]');
	if (!element) throw new Error('There is no chart to export: no events match the filters.');
	const chart = captureChart(element);
	const legends = [...view.querySelectorAll<HTMLElement>('[data-export="legend"]')].map(legend);
	return {
		chart,
		legends,
		defs: definitions([
			chart.markup,
			...legends.flatMap((block) => block.items.map((i) => i.swatch))
		])
	};
}

/** Text widths in the browser, for laying out legends and captions in the file. */
export function canvasMeasure(fontFamily: string): Measure | undefined {
	const context = document.createElement('canvas').getContext('2d');
	if (!context) return undefined;
	return (text, size, bold = false) => {
		context.font = `${bold ? '600 ' : ''}${size}px ${fontFamily}`;
		return context.measureText(text).width;
	};
}
