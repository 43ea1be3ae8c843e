import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/lib/export/download';
import { pngSize } from '../../src/lib/export/png';
import { composeSvg, flowRows, wrapText, type CapturedView } from '../../src/lib/export/svg';

const chart = (width: number, height: number) =>
	`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle r="4" fill="url(#p)"/></svg>`;

const view: CapturedView = {
	chart: { markup: chart(600, 400), width: 600, height: 400 },
	legends: [
		{
			title: 'Lever',
			items: [
				{ label: 'Sanctions', swatch: '<svg width="18" height="12"></svg>' },
				{ label: 'Cyber', swatch: '<svg width="18" height="12"></svg>' }
			]
		}
	],
	defs: ['<pattern id="p" width="6" height="6"></pattern>']
};

const words = {
	title: 'Leverwatch: who acted on whom',
	caption: ['Showing all events (4 events)', 'Data: mine'],
	fontFamily: "system-ui, 'Segoe UI', sans-serif"
};

describe('flowRows', () => {
	it('fills a row left to right and wraps what does not fit', () => {
		expect(flowRows([40, 40, 40], 100, 10)).toEqual([
			{ x: 0, row: 0 },
			{ x: 50, row: 0 },
			{ x: 0, row: 1 }
		]);
	});

	it('gives a box wider than the row a row of its own', () => {
		expect(flowRows([150, 20], 100, 10)).toEqual([
			{ x: 0, row: 0 },
			{ x: 0, row: 1 }
		]);
	});
});

describe('wrapText', () => {
	const width = (text: string) => text.length * 10;

	it('breaks at spaces to stay within the width', () => {
		expect(wrapText('one two three four', 90, width)).toEqual(['one two', 'three', 'four']);
	});

	it('keeps a word longer than the width whole, and drops extra spaces', () => {
		expect(wrapText('  a   extraordinarily b ', 50, width)).toEqual(['a', 'extraordinarily', 'b']);
		expect(wrapText('', 50, width)).toEqual([]);
	});
});

describe('composeSvg', () => {
	it('frames the chart with a title, legends and a caption, on white', () => {
		const { svg, width, height } = composeSvg(view, words);
		expect(width).toBe(632);
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="632"')).toBe(true);
		expect(svg).toContain(`height="${height}" viewBox="0 0 632 ${height}"`);
		expect(svg).toContain('font-family="system-ui, &apos;Segoe UI&apos;, sans-serif"');
		expect(svg).toContain('<title>Leverwatch: who acted on whom</title>');
		expect(svg).toContain('<defs><pattern id="p" width="6" height="6"></pattern></defs>');
		expect(svg).toContain(`<rect width="632" height="${height}" fill="#ffffff"/>`);
		expect(svg).toContain(`<g transform="translate(16,`);
		for (const text of [
			'Lever',
			'Sanctions',
			'Cyber',
			'Showing all events (4 events)',
			'Data: mine'
		]) {
			expect(svg).toContain(`>${text}</text>`);
		}
		expect(svg.endsWith('</svg>')).toBe(true);
		// The chart, the title and the caption all fit inside.
		expect(height).toBeGreaterThan(400 + 3 * 17);
	});

	it('is never narrower than a phone column', () => {
		expect(
			composeSvg({ ...view, chart: { markup: chart(100, 50), width: 100, height: 50 } }, words)
				.width
		).toBe(320);
	});

	it('writes text from data as text', () => {
		const { svg } = composeSvg(
			{ ...view, legends: [{ title: 'Kind', items: [{ label: '<b>&', swatch: '' }] }] },
			{ ...words, title: 'A "quoted" <title>', caption: ['Search: “</text><script>”'] }
		);
		expect(svg).not.toContain('<script>');
		expect(svg).not.toContain('<b>');
		expect(svg).toContain('&lt;b&gt;&amp;');
		expect(svg).toContain('<title>A &quot;quoted&quot; &lt;title&gt;</title>');
	});

	it('replaces characters XML forbids, from data or from the chart, so the file parses', () => {
		const { svg } = composeSvg(
			{ ...view, chart: { ...view.chart, markup: '<svg><title>a\u0000b\uD800</title></svg>' } },
			{ ...words, caption: ['Data: x\u0001y\u001fz\tok'] }
		);
		expect(svg).toContain('<title>a\uFFFDb\uFFFD</title>');
		expect(svg).toContain('x\uFFFDy\uFFFDz');
		// eslint-disable-next-line no-control-regex -- the control characters are what must be gone
		expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
	});

	it('grows with the caption, wrapping long lines', () => {
		const short = composeSvg(view, words).height;
		const long = composeSvg(view, { ...words, caption: ['word '.repeat(200)] }).height;
		expect(long).toBeGreaterThan(short + 17 * 3);
	});
});

describe('file names and sizes', () => {
	it('names files after what they hold', () => {
		expect(exportFileName('network', 'svg')).toBe('leverwatch-network.svg');
	});

	it('draws a PNG at twice the size, in whole pixels', () => {
		expect(pngSize(632, 481, 2)).toEqual({ width: 1264, height: 962 });
		expect(pngSize(100.4, 50.2, 2)).toEqual({ width: 201, height: 100 });
	});
});
