import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shipped } from './shipped';
import { waitForReady } from './watch';

/**
 * Serious and critical violations axe-core finds on the page as it is now, summarised, with the
 * checks it could not finish ("incomplete") of that impact too, except colour contrast: axe
 * cannot tell the background of text drawn over SVG marks, and the palette is checked by hand.
 */
async function seriousViolations(page: Page, exclude?: string) {
	const builder = new AxeBuilder({ page });
	if (exclude) builder.exclude(exclude);
	const { violations, incomplete, passes } = await builder.analyze();
	// axe looked at the page: a blank or unready page would pass few rules.
	expect(passes.length).toBeGreaterThan(15);
	return [...violations, ...incomplete.filter((v) => v.id !== 'color-contrast')]
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			rule: v.id,
			impact: v.impact,
			nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`)
		}));
}

for (const path of ['/', '/embed/network', '/embed/timeline', '/embed/board']) {
	test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
		await page.goto(path);
		await waitForReady(page);
		expect(await seriousViolations(page)).toEqual([]);
	});
}

test('the dashboard with an event selected, and its details, has none', async ({ page }) => {
	const event = shipped.events.find((e) => e.source_url && e.quote) ?? shipped.events[0]!;
	await page.goto(`/?sel=${event.id}`);
	await waitForReady(page);
	await expect(page.getByTestId('details-title')).toHaveText(event.title);
	expect(await seriousViolations(page)).toEqual([]);
});

test('the import dialog, at each step, has none', async ({ page }) => {
	await page.goto('/');
	await waitForReady(page);
	await page.getByRole('button', { name: 'Import data…' }).click();
	await expect(page.getByTestId('import-dialog')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByTestId('import-file').setInputFiles({
		name: 'events.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('when,who,whom\n2025-01-02,us,china\n2025-13-01,china,us\n')
	});
	await expect(page.getByTestId('mapping')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});

test('the embed dialog, and the page its preview shows, have none', async ({ page }) => {
	await page.goto('/?levers=tariffs');
	await waitForReady(page);
	await page.getByRole('button', { name: /^Embed/ }).click();
	await expect(page.getByRole('dialog')).toBeVisible();
	const previewSelector = '[data-testid="embed-preview"]';
	const preview = page.locator(previewSelector);
	await expect(preview).toHaveAttribute('title', /^Preview: /);
	// The preview is audited as a page of its own. @axe-core/playwright gives a frame one second
	// to take its script and otherwise reports it untested ("frame-tested", critical); a
	// same-origin frame shares the main thread with the parent's audit, and on a busy two-core
	// machine that second ran out.
	const src = await preview.getAttribute('src');
	if (!src) throw new Error('The embed preview has no address');
	expect(await seriousViolations(page, previewSelector)).toEqual([]);
	await page.goto(src);
	await waitForReady(page);
	expect(new URL(page.url()).pathname).toMatch(/^\/embed\//);
	expect(await seriousViolations(page)).toEqual([]);
});
