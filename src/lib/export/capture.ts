import type { CapturedView, LegendBlock, Measure } from './svg';

/**
 * Reads a view as drawn on screen into self-contained SVG markup: the chart and the legends'
 * swatches are cloned with their computed styles written on every element (the stylesheets
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

function inlineStyle(source: Element, target: Element) {
	for (const { name } of [...target.attributes]) {
		if (DROPPED.test(name)) target.removeAttribute(name);
	}
	if (source.localName === 'title') return;
	const computed = getComputedStyle(source);
	const properties = TEXT_ELEMENTS.has(source.localName) ? [...PAINT, ...TEXT] : PAINT;
	const declarations = properties.flatMap((property) => {
		const value = computed.getPropertyValue(property);
		return value ? [`${property}: ${localUrl(value)}`] : [];
	});
	if (computed.getPropertyValue('visibility') === 'hidden') declarations.push('visibility: hidden');
	if (computed.getPropertyValue('display') === 'none') declarations.push('display: none');
	target.setAttribute('style', declarations.join('; '));
}

/**
 * A deep copy of an SVG element with computed styles inlined. What a screen reader would hear
 * of a mark (its aria-label) becomes its `<title>`, so the file still names every actor and
 * event, and viewers show it as a tooltip.
 */
function standalone(source: SVGElement): SVGElement {
	const clone = source.cloneNode(true) as SVGElement;
	const sources = [source, ...source.querySelectorAll('*')];
	const targets = [clone, ...clone.querySelectorAll('*')];
	sources.forEach((element, i) => {
		const target = targets[i]!;
		const label = element.getAttribute('aria-label');
		inlineStyle(element, target);
		if (label && element.localName !== 'title') {
			const title = document.createElementNS(SVG_NS, 'title');
			title.textContent = label;
			target.prepend(title);
		}
	});
	return clone;
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

/** The chart and legends of a view (an element marked `data-export-view`), ready to compose. */
export function captureView(view: Element): CapturedView {
	const chart = view.querySelector<SVGSVGElement>('svg[data-export="chart"]');
	if (!chart) throw new Error('There is no chart to export: no events match the filters.');
	const markup = serialise(standalone(chart));
	const legends = [...view.querySelectorAll<HTMLElement>('[data-export="legend"]')].map(legend);
	return {
		chart: {
			markup,
			width: chart.width.baseVal.value,
			height: chart.height.baseVal.value
		},
		legends,
		defs: definitions([markup, ...legends.flatMap((block) => block.items.map((i) => i.swatch))])
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
