import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openCsvLink } from './watch';

const EVENTS = 250;

/** One event a day from 2024-01-01, titled by its number, so the default order is by number. */
function manyEvents(): string {
	const lines = ['id,date,title,actor,target,lever'];
	for (let i = 0; i < EVENTS; i++) {
		const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
		lines.push(`e${i + 1},${day},Event ${i + 1},a${i % 9},b${i % 5},sanctions`);
	}
	return lines.join('\n');
}

test.beforeEach(async ({ page }) => {
	await openCsvLink(
		page,
		'many.csv',
		manyEvents(),
		'id:id,date:date,title:title,actors:actor,targets:target,lever:lever'
	);
});

test('a long table builds its rows as the reader scrolls to them', async ({ page }) => {
	const table = page.getByTestId('events-table');
	const rows = table.locator('tbody tr');
	await expect(rows).toHaveCount(100);
	await expect(rows.last()).toContainText('Event 100');
	await expect(page.getByText('100 of 250 shown')).toBeVisible();

	// A button builds the next hundred, for someone who does not scroll (pressed where it is:
	// scrolling to it would build them anyway).
	await page.getByRole('button', { name: 'Show 100 more rows' }).dispatchEvent('click');
	await expect(rows).toHaveCount(200);
	await expect(rows.nth(199)).toContainText('Event 200');

	// Nearing the end of the built rows builds the rest, in order.
	await rows.nth(180).scrollIntoViewIfNeeded();
	await expect(rows).toHaveCount(EVENTS);
	await expect(rows.last()).toContainText(`Event ${EVENTS}`);
	await expect(page.getByRole('button', { name: /more rows/ })).toHaveCount(0);
	await expect(page.getByText(/of 250 shown/)).toHaveCount(0);
	await expect(page.getByText(/of 250 shown/)).toHaveCount(0);

	// A new order starts again from its first hundred.
	await table.getByRole('button', { name: /^Date/ }).click();
	await expect(rows).toHaveCount(100);
	await expect(rows.first()).toContainText('Event 250');
});

test('an event chosen beyond the built rows is built and marked', async ({ page }) => {
	await page.evaluate(() => {
		window.postMessage({ type: 'leverwatch:set-state', query: 'sel=e200' }, '*');
	});
	const table = page.getByTestId('events-table');
	await expect(table.locator('tr.selected')).toContainText('Event 200');
	await expect(table.locator('tbody tr')).toHaveCount(200);
});

test('from the keyboard, more rows take the focus to the first of them', async ({ page }) => {
	const button = page.getByRole('button', { name: /more rows/ });
	await button.focus();
	await page.keyboard.press('Enter');
	// Focusing the button scrolls it into view, which may already have built the next hundred.
	await expect(page.locator(':focus')).toHaveText(/^Event (101|201)$/);
});

/**
 * Applies `query` by a set-state message and, as the page answers it (once every visible view
 * has painted the change), reads the table: whether it is marked busy and its first row.
 */
function tableWhenAnswered(page: Page, query: string) {
	return page.evaluate(
		(query) =>
			new Promise<{ busy: string | null; first: string | undefined }>((resolve) => {
				addEventListener('message', function answered(event: MessageEvent) {
					if (event.data?.type !== 'leverwatch:state') return;
					removeEventListener('message', answered);
					const table = document.querySelector('[data-testid="events-table"]')!;
					resolve({
						busy: table.getAttribute('aria-busy'),
						first: table.querySelector('tbody tr')?.textContent ?? undefined
					});
				});
				postMessage({ type: 'leverwatch:set-state', query }, '*');
			}),
		query
	);
}

test('off screen the table follows a change; on screen the change waits for its rows', async ({
	page
}) => {
	const table = page.getByTestId('events-table');
	const rows = table.locator('tbody tr');
	await expect(rows.first()).toContainText('Event 1');
	// Beyond the quarter of a screen below it where the table counts as near (+page.svelte).
	const below = (await table.boundingBox())!.y - page.viewportSize()!.height;
	expect(below).toBeGreaterThan(page.viewportSize()!.height / 4);

	// Below the charts, the table is not waited for: the change is painted with its old rows,
	// marked busy, and its own rows follow once the changes rest.
	const behind = await tableWhenAnswered(page, 'from=2024-03-01&to=2024-03-31');
	expect(behind.busy).toBe('true');
	expect(behind.first).toContain('Event 1');
	await expect(table).toHaveAttribute('aria-busy', 'false');
	await expect(rows).toHaveCount(31);
	await expect(rows.first()).toContainText('Event 61');
	await expect(table.locator('caption')).toHaveText('Events');

	// In view, the change is painted with its rows.
	await table.scrollIntoViewIfNeeded();
	const inView = await tableWhenAnswered(page, 'from=2024-04-01&to=2024-04-30');
	expect(inView.busy).toBe('false');
	expect(inView.first).toContain('Event 92');
	await expect(rows).toHaveCount(30);
});
