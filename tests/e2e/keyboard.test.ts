import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parseCsv } from '../../src/lib/ingest/csv';
import { expect, test } from './fixtures';
import { countsOf, shipped } from './shipped';
import { waitForReady } from './watch';

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector` (and, when given,
 * its label or text contains `text`), then checks that the focus is visible: an outline drawn.
 * Only the keyboard moves the focus; the page is merely looked at.
 */
async function tabTo(page: Page, selector: string, text?: string, backwards = false) {
	for (let presses = 0; presses < 300; presses++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		const found = await page.evaluate(
			([selector, text]) => {
				const element = document.activeElement;
				if (!element?.matches(selector!)) return false;
				return !text || (element.closest('label') ?? element).textContent!.includes(text);
			},
			[selector, text]
		);
		if (!found) continue;
		const outline = await page.evaluate(() => {
			const style = getComputedStyle(document.activeElement!);
			return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
		});
		expect(outline.style, `focus outline of ${selector}`).not.toBe('none');
		expect(outline.width, `focus outline of ${selector}`).toBeGreaterThanOrEqual(2);
		return;
	}
	throw new Error(`Tab never reached ${selector} ${text ?? ''}`);
}

const focusedAttribute = (page: Page, name: string) =>
	page.evaluate((name) => document.activeElement?.getAttribute(name), name);

const tariffs = shipped.events.filter((e) => e.lever === 'tariffs');
/** The actor in most tariff events, so the timeline has several marks to walk. */
const actorId = (() => {
	const counts = new Map<string, number>();
	for (const e of tariffs)
		for (const id of new Set([...e.actors, ...e.targets])) {
			counts.set(id, (counts.get(id) ?? 0) + 1);
		}
	return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
})();
const actorName = shipped.actors.find((a) => a.id === actorId)?.name ?? actorId;
const chosen = tariffs.filter((e) => [...e.actors, ...e.targets].includes(actorId));

test('keyboard only: filter, pick an actor, select an event, read it, export CSV', async ({
	page
}) => {
	await page.goto('/');
	await waitForReady(page);
	const counts = page.getByTestId('counts');

	await tabTo(page, '[data-testid="lever-filter"] button', 'Tariffs');
	await page.keyboard.press('Space');
	await expect(
		page.getByTestId('lever-filter').getByRole('button', { name: /^Tariffs/ })
	).toHaveAttribute('aria-pressed', 'true');
	await expect(counts).toHaveAttribute('data-events', String(tariffs.length));

	await tabTo(page, '#actor-search');
	await page.keyboard.type(actorName);
	await tabTo(page, '[aria-label="Actors, busiest first"] input[type="checkbox"]', actorName);
	await page.keyboard.press('Space');
	await expect(counts).toHaveAttribute('data-events', String(countsOf(chosen).events));
	expect(chosen.length).toBeGreaterThan(1);

	await tabTo(page, '[data-testid="timeline-view"] .mark');
	const first = await focusedAttribute(page, 'data-event-id');
	await page.keyboard.press('ArrowRight');
	const id = await focusedAttribute(page, 'data-event-id');
	expect(id).not.toBe(first);
	await page.keyboard.press('Enter');
	const event = chosen.find((e) => e.id === id)!;
	await expect(page.getByTestId('details-title')).toHaveText(event.title);
	expect(new URL(page.url()).searchParams.get('sel')).toBe(id);
	// The focus stays on the chosen mark, so the reader can walk on; the details are next by Tab.
	expect(await focusedAttribute(page, 'data-event-id')).toBe(id);
	await tabTo(page, '[data-testid="details"] a, [data-testid="details"] button');

	await tabTo(page, '[data-testid="share"] summary', 'Download', true);
	await page.keyboard.press('Enter');
	await tabTo(page, '[data-testid="share"] button', 'Events as CSV');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.keyboard.press('Enter')
	]);
	const rows = parseCsv(await readFile((await download.path())!, 'utf8'));
	expect(rows.map((row) => row.id).sort()).toEqual(chosen.map((e) => e.id).sort());
});

test('Escape closes the import dialog and gives the focus back', async ({ page }) => {
	await page.goto('/');
	await waitForReady(page);
	await tabTo(page, 'button', 'Import data…');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('import-dialog')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Import data…' })).toBeFocused();
});
