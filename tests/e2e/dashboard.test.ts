import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { formatCalendarDate } from '../../src/lib/model/dates';
import { countsOf, shipped } from './shipped';
import { waitForReady, watchPage } from './watch';

test('loads the shipped dataset to ready, offline and without errors', async ({
	page,
	baseURL
}) => {
	const watched = watchPage(page, baseURL!);
	await page.goto('/');
	await waitForReady(page);

	const counts = page.getByTestId('counts');
	const expected = countsOf(shipped.events);
	await expect(counts).toHaveAttribute('data-events', String(expected.events));
	await expect(counts).toHaveAttribute('data-actors', String(expected.actors));
	await expect(counts).toHaveAttribute('data-edges', String(expected.edges));
	await expect(counts).toContainText(`${expected.events} events`);
	await expect(page.getByTestId('provenance')).toContainText('shipped dataset');
	await expect(page.getByTestId('data-issues')).toHaveCount(0);
	await expect(page.getByTestId('events-table').locator('tbody tr')).toHaveCount(expected.events);
	await expect(page.getByTestId('network-view').locator('.node')).toHaveCount(expected.actors);
	await expect(page.getByTestId('timeline-view').locator('.mark')).toHaveCount(expected.events);

	const ready = await page.evaluate(() =>
		performance.getEntriesByName('lw:ready', 'measure').map((m) => m.duration)
	);
	expect(ready).toHaveLength(1);
	expect(ready[0]).toBeGreaterThan(0);

	expect(watched.errors).toEqual([]);
	expect(watched.foreignRequests).toEqual([]);
});

test('paints the shipped first view before DuckDB has started, then filters with it', async ({
	page
}) => {
	// Hold DuckDB's wasm back: the page must not need it for its first paint.
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	let served = false;
	await page.route(/duckdb-(eh|mvp)\.[^/]*\.wasm$/, async (route) => {
		await released;
		served = true;
		await route.continue();
	});
	await page.goto('/');
	await waitForReady(page);

	const expected = countsOf(shipped.events);
	const counts = page.getByTestId('counts');
	await expect(counts).toHaveAttribute('data-events', String(expected.events));
	await expect(page.getByTestId('network-view').locator('.node')).toHaveCount(expected.actors);
	await expect(page.getByTestId('timeline-view').locator('.mark')).toHaveCount(expected.events);
	await expect(page.getByTestId('provenance')).toContainText('shipped dataset');
	expect(served).toBe(false);

	// A change made before the database is up is applied once it is.
	await page
		.getByTestId('lever-filter')
		.getByRole('button', { name: /Tariffs/ })
		.click();
	release();
	const tariffs = shipped.events.filter((event) => event.lever === 'tariffs');
	await expect(counts).toHaveAttribute('data-events', String(tariffs.length));
	expect(served).toBe(true);
});

test('paints the first view with its network laid out at build time, where the page lays it out', async ({
	page
}) => {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route(/duckdb-(eh|mvp)\.[^/]*\.wasm$/, async (route) => {
		await released;
		await route.continue();
	});
	const nodes = page.getByTestId('network-view').locator('.node');
	// To a hundredth of a pixel: Node's and Chromium's arithmetic part in the last digits.
	const positions = () =>
		nodes.evaluateAll((all) =>
			all.map((node) => {
				const at = (node.getAttribute('transform') ?? '').match(/-?[\d.]+/g) ?? [];
				return `${node.getAttribute('data-actor-id')} ${at.map((n) => Number(n).toFixed(2))}`;
			})
		);
	const measures = (name: string) =>
		page.evaluate((name) => performance.getEntriesByName(name, 'measure').length, name);
	await page.goto('/');
	await waitForReady(page);
	await expect(nodes).toHaveCount(countsOf(shipped.events).actors);
	// The first paint did not lay the network out: the build did.
	expect(await measures('lw:layout')).toBe(0);
	const baked = await positions();

	// The database's answer confirms the first view: nothing is laid out again, nothing moves.
	release();
	await expect.poll(() => measures('lw:query')).toBeGreaterThan(0);
	expect(await measures('lw:layout')).toBe(0);
	expect(await positions()).toEqual(baked);

	// Filtered and cleared, the page lays the same network out itself, in the same places.
	const tariffs = page.getByTestId('lever-filter').getByRole('button', { name: /Tariffs/ });
	await tariffs.click();
	await expect(tariffs).toHaveAttribute('aria-pressed', 'true');
	await tariffs.click();
	await expect.poll(() => measures('lw:layout')).toBeGreaterThan(1);
	await expect.poll(positions).toEqual(baked);
});

/** Has the page note, as it marks itself ready, how many rows the events table had built. */
async function noteRowsAtReady(page: Page) {
	await page.addInitScript(() => {
		new MutationObserver((_, observer) => {
			const root = document.documentElement;
			if (root.dataset.state !== 'ready') return;
			observer.disconnect();
			const rows = document.querySelectorAll('[data-testid="events-table"] tbody tr');
			root.dataset.rowsAtReady = String(rows.length);
		}).observe(document, { attributes: true, attributeFilter: ['data-state'], subtree: true });
	});
}

test('paints the events table below the charts after them, and one in view with them', async ({
	page
}) => {
	await noteRowsAtReady(page);
	const rowsAtReady = async () => {
		const noted = await page.locator('html').getAttribute('data-rows-at-ready');
		if (noted === null) throw new Error('The page noted nothing as it became ready');
		return Number(noted);
	};
	const table = page.getByTestId('events-table');
	const rows = table.locator('tbody tr');
	const events = countsOf(shipped.events).events;

	await page.goto('/');
	await waitForReady(page);
	// Beyond the quarter of a screen below it where the table starts building anyway.
	expect((await table.boundingBox())!.y).toBeGreaterThan(page.viewportSize()!.height * 1.25);
	expect(await rowsAtReady()).toBe(0);
	// They follow once the page is idle, without the reader scrolling to them.
	await expect(rows).toHaveCount(events);
	await expect(table).toHaveAttribute('aria-busy', 'false');
	expect(await page.evaluate(() => window.scrollY)).toBe(0);

	// On a screen tall enough to show the table, the first paint has its rows.
	await page.setViewportSize({ width: 1280, height: 2400 });
	await page.reload();
	await waitForReady(page);
	expect((await table.boundingBox())!.y).toBeLessThan(2400);
	expect(await rowsAtReady()).toBe(events);
});

test('shows each date at its precision, unshifted by the time zone', async ({ page }) => {
	await page.goto('/');
	await waitForReady(page);
	for (const event of shipped.events.slice(0, 10)) {
		const row = page.locator(`tr[data-event-id="${event.id}"]`);
		await expect(row.locator('td.date time').first()).toHaveText(formatCalendarDate(event.date));
		await expect(row.locator('td.date time').first()).toHaveAttribute('datetime', event.date.text);
	}
});

test('sorts the events table by a column, both ways', async ({ page }) => {
	await page.goto('/');
	await waitForReady(page);
	const table = page.getByTestId('events-table');
	const titles = table.locator('tbody tr td:nth-child(2) button');
	const byTitle = shipped.events
		.map((e) => e.title)
		.sort((a, b) =>
			a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0
		);

	await table.getByRole('button', { name: /^Event/ }).click();
	await expect(table.getByRole('columnheader', { name: /^Event/ })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	await expect(titles.first()).toHaveText(byTitle[0]!);

	await table.getByRole('button', { name: /^Event/ }).press('Enter');
	await expect(table.getByRole('columnheader', { name: /^Event/ })).toHaveAttribute(
		'aria-sort',
		'descending'
	);
	await expect(titles.first()).toHaveText(byTitle.at(-1)!);
});

test('opens source links safely in a new tab', async ({ page }) => {
	await page.goto('/');
	await waitForReady(page);
	const table = page.getByTestId('events-table');
	// Below the charts, the table builds its rows once the page has painted and is idle.
	await expect(table).toHaveAttribute('aria-busy', 'false');
	const links = table.locator('a[href]');
	expect(await links.count()).toBeGreaterThan(0);
	for (const link of await links.all()) {
		await expect(link).toHaveAttribute('href', /^https?:\/\//);
		await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
	}
});

test('says so, in the page, when DuckDB cannot start', async ({ page }) => {
	await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
	await page.goto('/');
	await page.locator('html[data-state="error"]').waitFor({ state: 'attached' });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Leverwatch could not start');
	await expect(alert).toContainText('Reload the page');
});

test('stays failed when the first view arrives after DuckDB could not start', async ({ page }) => {
	await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
	// The baked first view, fetched alongside the database, lands once the start has failed.
	const failedFirst = page.locator('html[data-state="error"]');
	await page.route('**/first-view.json', async (route) => {
		await failedFirst.waitFor({ state: 'attached' });
		await route.continue();
	});
	const firstView = page.waitForResponse('**/first-view.json');
	await page.goto('/');
	await firstView;
	// Time for it to be read and painted (two frames), and more.
	await page.evaluate(async () => {
		for (let frame = 0; frame < 10; frame++) {
			await new Promise((resolve) => requestAnimationFrame(resolve));
		}
	});
	await expect(page.locator('html')).toHaveAttribute('data-state', 'error');
	await expect(page.getByRole('alert')).toContainText('Leverwatch could not start');
	expect(await page.evaluate(() => performance.getEntriesByName('lw:ready').length)).toBe(0);
});
