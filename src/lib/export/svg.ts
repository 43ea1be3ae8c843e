import { escapeMarkup, xmlSafe } from './escape';

/** A legend as exported: its title and, per item, a label and the swatch's SVG markup. */
export interface LegendBlock {
	title: string;
	items: { label: string; swatch: string }[];
}

/** A view read from the screen (see capture.ts). */
export interface CapturedView {
	/** Self-contained `<svg>` markup of the chart, and its size in pixels. */
	chart: { markup: string; width: number; height: number };
	legends: LegendBlock[];
	/** Markup of the patterns and markers the chart and swatches refer to. */
	defs: string[];
}

export interface ExportText {
	title: string;
	/** Paragraphs under the chart: filters, counts, source. Each wraps to the width. */
	caption: string[];
	fontFamily: string;
	/** Width of a text in pixels; an estimate unless the browser measures it. */
	measure?: Measure;
}

export interface ComposedSvg {
	svg: string;
	width: number;
	height: number;
}

const PAD = 16;
const MIN_WIDTH = 320;
const TITLE_SIZE = 18;
const SMALL = 12;
const LINE = 17;
const SWATCH = { width: 18, height: 12, gap: 4 };
const ITEM_GAP = 12;
const INK = '#1a1a1a';
const MUTED = '#595959';

/** Width in pixels of a text at a font size, bold or not. */
export type Measure = (text: string, size: number, bold?: boolean) => number;

export const estimateWidth: Measure = (text, size, bold = false) =>
	text.length * size * (bold ? 0.65 : 0.6);

/**
 * Places boxes of the given widths left to right, starting a new row when the next would pass
 * `maxWidth`. A box wider than a row gets a row of its own.
 */
export function flowRows(widths: number[], maxWidth: number, gap: number) {
	let x = 0;
	let row = 0;
	return widths.map((width) => {
		if (x > 0 && x + width > maxWidth) {
			x = 0;
			row += 1;
		}
		const place = { x, row };
		x += width + gap;
		return place;
	});
}

/** Breaks text into lines no wider than `maxWidth`, at spaces; a longer word keeps its own line. */
export function wrapText(
	text: string,
	maxWidth: number,
	width: (text: string) => number
): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const next = line ? `${line} ${word}` : word;
		if (line && width(next) > maxWidth) {
			lines.push(line);
			line = word;
		} else {
			line = next;
		}
	}
	if (line) lines.push(line);
	return lines;
}

const text = (x: number, y: number, size: number, fill: string, content: string, bold = false) =>
	`<text x="${x}" y="${y}" font-size="${size}"${bold ? ' font-weight="600"' : ''} fill="${fill}">${escapeMarkup(content)}</text>`;

function legendMarkup(block: LegendBlock, top: number, inner: number, measure: Measure) {
	const widths = [
		measure(block.title, SMALL, true),
		...block.items.map((item) => SWATCH.width + SWATCH.gap + measure(item.label, SMALL))
	];
	const places = flowRows(widths, inner, ITEM_GAP);
	const y = (row: number) => top + row * LINE;
	const parts = [text(PAD, y(0) + SMALL, SMALL, INK, block.title, true)];
	block.items.forEach((item, i) => {
		const place = places[i + 1]!;
		const x = PAD + place.x;
		parts.push(
			`<g transform="translate(${x},${y(place.row) + 2})">${item.swatch}</g>`,
			text(x + SWATCH.width + SWATCH.gap, y(place.row) + SMALL, SMALL, INK, item.label)
		);
	});
	const rows = places.reduce((most, place) => Math.max(most, place.row), 0) + 1;
	return { markup: parts.join(''), height: rows * LINE };
}

/**
 * One SVG file for a view: a title, the chart as drawn, its legends and a caption, on white.
 * Everything it needs is inside it (styles inlined, patterns copied, a font family set), so it
 * opens the same in an editor, a browser or an `<img>`, and can be drawn onto a canvas.
 */
export function composeSvg(view: CapturedView, words: ExportText): ComposedSvg {
	const measure = words.measure ?? estimateWidth;
	const width = Math.ceil(Math.max(MIN_WIDTH, view.chart.width + 2 * PAD));
	const inner = width - 2 * PAD;
	const parts: string[] = [];
	let y = PAD;

	for (const line of wrapText(words.title, inner, (t) => measure(t, TITLE_SIZE, true))) {
		parts.push(text(PAD, y + TITLE_SIZE, TITLE_SIZE, INK, line, true));
		y += TITLE_SIZE + 6;
	}
	y += 6;
	parts.push(`<g transform="translate(${PAD},${y})">${view.chart.markup}</g>`);
	y += view.chart.height + 12;

	for (const block of view.legends) {
		const legend = legendMarkup(block, y, inner, measure);
		parts.push(legend.markup);
		y += legend.height + 4;
	}
	y += 6;
	for (const paragraph of words.caption) {
		for (const line of wrapText(paragraph, inner, (t) => measure(t, SMALL))) {
			parts.push(text(PAD, y + SMALL, SMALL, MUTED, line));
			y += LINE;
		}
	}
	const height = Math.ceil(y + PAD);

	// The chart's markup is the browser's serialisation of the page, which lets through
	// characters that no XML reader accepts; the whole file is cleaned of them at once.
	const svg = xmlSafe(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
			`viewBox="0 0 ${width} ${height}" font-family="${escapeMarkup(words.fontFamily)}">` +
			`<title>${escapeMarkup(words.title)}</title>` +
			`<defs>${view.defs.join('')}</defs>` +
			`<rect width="${width}" height="${height}" fill="#ffffff"/>` +
			parts.join('') +
			`</svg>`
	);
	return { svg, width, height };
}
