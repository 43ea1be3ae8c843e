import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EVENT_FIELDS } from '../../src/lib/model/event';
import { parseCsv } from '../../src/lib/ingest/csv';
import { countsOf, shipped } from './shipped';
import { waitForReady } from './watch';

const QUERY = 'levers=sanctions,cyber';
const chosen = shipped.events.filter((e) => e.lever === 'sanctions' || e.lever === 'cyber');
const actorNames = new Map(shipped.actors.map((actor) => [actor.id, actor.name]));
const shownActors = [...new Set(chosen.flatMap((e) => [...e.actors, ...e.targets]))].map(
	(id) => actorNames.get(id) ?? id
);

async function download(page: Page, label: string) {
	await page.getByTestId('share').locator('summary', { hasText: 'Download' }).click();
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: label }).click()
	]);
	return { name: file.suggestedFilename(), data: await readFile((await file.path())!) };
}

/**
 * Parses an SVG file in the browser, as an editor would, and reports what it holds. It is read in
 * a blank page of its own: the file is outside the site, and so outside the site's policy.
 */
async function readSvg(page: Page, text: string) {
	const blank = await page.context().newPage();
	const read = await blank.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		const root = doc.documentElement;
		const ids = new Set([...doc.querySelectorAll('[id]')].map((element) => element.id));
		const references = [...text.matchAll(/url\(([^)]*)\)/g)].map((match) => match[1]!);
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			root: root.localName,
			width: Number(root.getAttribute('width')),
			height: Number(root.getAttribute('height')),
			fontFamily: root.getAttribute('font-family'),
			title: doc.querySelector('svg > title')?.textContent,
			titles: [...doc.querySelectorAll('title')].map((title) => title.textContent ?? ''),
			texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
			linked: doc.querySelectorAll('[href], image, foreignObject, script').length,
			references,
			unresolved: references.filter((ref) => !ref.startsWith('#') || !ids.has(ref.slice(1))),
			variables: text.includes('var(--')
		};
	}, text);
	await blank.close();
	return read;
}

test.beforeEach(async ({ page }) => {
	await page.goto(`/?${QUERY}`);
	await waitForReady(page);
});

test('exports the network as a self-contained SVG with every shown actor', async ({ page }) => {
	const file = await download(page, 'Network as SVG');
	expect(file.name).toBe('leverwatch-network.svg');
	const svg = await readSvg(page, file.data.toString('utf8'));
	expect(svg.error).toBeNull();
	expect(svg.root).toBe('svg');
	expect(svg.title).toBe('Leverwatch: who acted on whom');
	expect(svg.fontFamily).toMatch(/sans-serif/);
	expect(svg.linked).toBe(0);
	expect(svg.references.length).toBeGreaterThan(0);
	expect(svg.unresolved).toEqual([]);
	expect(svg.variables).toBe(false);
	const nodeTitles = svg.titles.filter((t) => /: \d+ events, /.test(t));
	expect(nodeTitles).toHaveLength(countsOf(chosen).actors);
	for (const name of shownActors) {
		expect(nodeTitles.some((title) => title.startsWith(`${name}: `))).toBe(true);
	}
	// The legend and the caption travel with the picture.
	expect(svg.texts).toEqual(expect.arrayContaining(['Actor kind', 'Links by lever', 'Sanctions']));
	const caption = svg.texts.join(' ');
	expect(caption).toContain('Showing Levers: Sanctions, Cyber');
	expect(caption).toContain(`${chosen.length} events`);
	expect(caption).toContain('shipped dataset');
});

test('exports the timeline as SVG with every shown event, and the status patterns', async ({
	page
}) => {
	const file = await download(page, 'Timeline as SVG');
	expect(file.name).toBe('leverwatch-timeline.svg');
	const text = file.data.toString('utf8');
	const svg = await readSvg(page, text);
	expect(svg.error).toBeNull();
	expect(svg.unresolved).toEqual([]);
	expect(svg.linked).toBe(0);
	for (const event of chosen) {
		expect(svg.titles.some((title) => title.includes(event.title))).toBe(true);
	}
	expect(text).toContain('id="lw-phase-active"');
	expect(svg.texts).toEqual(expect.arrayContaining(['Lever', 'Lever status', 'In force']));
});

test('exports PNG at twice the size of the SVG', async ({ page }) => {
	for (const chart of ['Network', 'Timeline']) {
		const svg = await readSvg(
			page,
			(await download(page, `${chart} as SVG`)).data.toString('utf8')
		);
		const png = await download(page, `${chart} as PNG`);
		expect(png.name).toBe(`leverwatch-${chart.toLowerCase()}.png`);
		expect([...png.data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(png.data.subarray(12, 16).toString('ascii')).toBe('IHDR');
		expect(png.data.readUInt32BE(16)).toBe(svg.width * 2);
		expect(png.data.readUInt32BE(20)).toBe(svg.height * 2);
		expect(png.data.length).toBeGreaterThan(10_000);
	}
});

test('exports exactly the filtered events as CSV in the event format', async ({ page }) => {
	const file = await download(page, 'Events as CSV');
	expect(file.name).toBe('leverwatch-events.csv');
	const text = file.data.toString('utf8');
	expect(text.split('\r\n')[0]).toBe(EVENT_FIELDS.join(','));
	const rows = parseCsv(text);
	expect(rows).toHaveLength(chosen.length);
	expect(rows.map((row) => row.id).sort()).toEqual(chosen.map((e) => e.id).sort());
	for (const row of rows) {
		const event = chosen.find((e) => e.id === row.id)!;
		expect(row.title).toBe(event.title);
		expect(row.date).toBe(event.date.text);
		expect(row.actors).toBe(event.actors.join(';'));
		expect(row.targets).toBe(event.targets.join(';'));
		expect(row.source_url).toBe(event.source_url ?? '');
	}
});

test('the same URL gives the same picture every time', async ({ page }) => {
	const first = (await download(page, 'Network as SVG')).data.toString('utf8');
	await page.reload();
	await waitForReady(page);
	const again = (await download(page, 'Network as SVG')).data.toString('utf8');
	expect(again).toBe(first);
});

test('prints the views with their caption on one page, without controls', async ({ page }) => {
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('filters')).toBeHidden();
	await expect(page.getByTestId('share')).toBeHidden();
	await expect(page.getByTestId('details')).toBeHidden();
	await expect(page.getByTestId('events-table')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Fit' })).toBeHidden();
	await expect(page.getByText('Network as a table')).toBeHidden();
	await expect(page.getByTestId('network-view').locator('svg.network')).toBeVisible();
	await expect(page.getByTestId('timeline-view').locator('svg.timeline')).toBeVisible();
	const caption = page.getByTestId('caption');
	await expect(caption).toBeVisible();
	await expect(caption).toContainText('Showing Levers: Sanctions, Cyber');
	await expect(caption).toContainText(`${chosen.length} events`);
	await expect(caption).toContainText('shipped dataset');

	// Back to no emulation: page.pdf() prints with print media unless told otherwise.
	await page.emulateMedia({ media: null });
	await expect(caption).toBeHidden();
	for (const query of [QUERY, '']) {
		await page.goto(`/?${query}`);
		await waitForReady(page);
		const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
		expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
	}
});

test('the download menu works from the keyboard', async ({ page }) => {
	const summary = page.getByTestId('share').locator('summary', { hasText: 'Download' });
	const menu = page.getByTestId('share').locator('details');
	await summary.focus();
	await page.keyboard.press('Enter');
	await expect(menu).toHaveAttribute('open', '');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Network as SVG' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(menu).not.toHaveAttribute('open');
	await expect(summary).toBeFocused();

	await page.keyboard.press('Enter');
	await page.getByRole('button', { name: 'Events as CSV' }).focus();
	const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
	expect(file.suggestedFilename()).toBe('leverwatch-events.csv');
	await expect(menu).not.toHaveAttribute('open');
	await expect(page.getByTestId('share').getByRole('status')).toHaveText(
		'Events as CSV: downloaded.'
	);
});
