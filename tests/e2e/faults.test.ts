import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { countsOf, shipped } from './shipped';
import { waitForReady } from './watch';

const tariffs = shipped.events.filter((e) => e.lever === 'tariffs');
const selected = tariffs[0]!;

async function expectCounts(page: Page, expected: ReturnType<typeof countsOf>) {
	const counts = page.getByTestId('counts');
	await expect(counts).toHaveAttribute('data-events', String(expected.events));
	await expect(counts).toHaveAttribute('data-actors', String(expected.actors));
	await expect(counts).toHaveAttribute('data-edges', String(expected.edges));
}

test('when the database dies, the page says so, restarts it and shows the same again', async ({
	page
}) => {
	await page.goto(`/?levers=tariffs&sel=${selected.id}`);
	await waitForReady(page);
	await expectCounts(page, countsOf(tariffs));

	await page.evaluate(() => window.__leverwatch!.crashDatabase!());
	const notice = page.getByTestId('notice');
	await expect(notice).toContainText('The database stopped (its worker was stopped)');
	await expect(notice).toContainText(
		'was restarted; US–China technology and security policy (shipped dataset) is loaded again.'
	);
	await waitForReady(page);
	await expectCounts(page, countsOf(tariffs));
	await expect(page.getByTestId('details-title')).toHaveText(selected.title);
	expect(new URL(page.url()).searchParams.get('levers')).toBe('tariffs');

	// The new database answers new questions.
	await page
		.getByTestId('lever-filter')
		.getByRole('button', { name: /^Sanctions/ })
		.click();
	await expectCounts(
		page,
		countsOf(shipped.events.filter((e) => e.lever === 'tariffs' || e.lever === 'sanctions'))
	);
	await expect(page.getByTestId('view-error')).toHaveCount(0);
});

test('an imported dataset is loaded again, with its mapping, into the restarted database', async ({
	page
}) => {
	await page.goto('/');
	await waitForReady(page);
	await page.getByRole('button', { name: 'Import data…' }).click();
	await page
		.getByTestId('import-file')
		.setInputFiles(join('tests', 'fixtures', 'import', 'events-semicolon.csv'));
	await page.getByRole('button', { name: 'Check 6 rows' }).click();
	await page.getByRole('button', { name: 'Load 2 events' }).click();
	const label = 'events-semicolon.csv (imported file, not the shipped dataset)';
	// Lost as soon as the import is swapped in, perhaps before its copy is kept in the browser.
	await expect(page.getByTestId('provenance')).toContainText(label);
	await page.evaluate(() => window.__leverwatch!.crashDatabase!());
	await expect(page.getByTestId('notice')).toContainText(
		`The database stopped (its worker was stopped) and was restarted; ${label} is loaded again.`
	);
	await waitForReady(page);
	await expectCounts(page, { events: 2, actors: 4, edges: 2 });
	await expect(page.getByTestId('provenance')).toContainText(label);
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
});

test('a view that cannot be drawn says so in its own box; the others go on', async ({ page }) => {
	await page.goto('/');
	await waitForReady(page);
	await page.evaluate(() => window.__leverwatch!.breakView('network', 'render'));
	await page
		.getByTestId('lever-filter')
		.getByRole('button', { name: /^Tariffs/ })
		.click();

	const box = page.locator('[data-testid="view-error"][data-view="network"]');
	await expect(box).toContainText('The network could not be shown.');
	await expect(box).toContainText('node not found: no-such-actor');
	await expect(page.getByTestId('network-view')).toHaveCount(0);
	await expectCounts(page, countsOf(tariffs));
	await expect(page.getByTestId('timeline-view').locator('.mark')).toHaveCount(tariffs.length);
	await expect(page.getByTestId('events-table').locator('tbody tr')).toHaveCount(tariffs.length);

	// The others keep working: a further filter reaches them, and the box stays in its place.
	await page.getByTestId('timeline-view').locator('.mark').first().click();
	await expect(page.getByTestId('details-title')).not.toHaveText('');
	await expect(box).toBeVisible();

	await page.evaluate(() => window.__leverwatch!.breakView('network', undefined));
	await box.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByTestId('network-view').locator('.node')).toHaveCount(
		countsOf(tariffs).actors
	);
	await expect(page.getByTestId('view-error')).toHaveCount(0);
});

test('a view whose query fails says why in its own box, and asks again on retry', async ({
	page
}) => {
	await page.goto('/');
	await waitForReady(page);
	await page.evaluate(() => window.__leverwatch!.breakView('timeline', 'query'));
	await page
		.getByTestId('lever-filter')
		.getByRole('button', { name: /^Tariffs/ })
		.click();

	const box = page.locator('[data-testid="view-error"][data-view="timeline"]');
	await expect(box).toContainText('The timeline could not be shown. its query was made to fail');
	await expect(page.getByTestId('timeline-view')).toHaveCount(0);
	await expectCounts(page, countsOf(tariffs));
	await expect(page.getByTestId('network-view').locator('.node')).toHaveCount(
		countsOf(tariffs).actors
	);
	await expect(page.locator('html')).toHaveAttribute('data-state', 'ready');

	await page.evaluate(() => window.__leverwatch!.breakView('timeline', undefined));
	await box.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByTestId('timeline-view').locator('.mark')).toHaveCount(tariffs.length);
});
