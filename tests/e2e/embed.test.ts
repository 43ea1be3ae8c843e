import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { embedIn, receivedOfType } from './host';
import { countsOf, shipped } from './shipped';
import { waitForReady } from './watch';

const sanctionsAndCyber = shipped.events.filter(
	(e) => e.lever === 'sanctions' || e.lever === 'cyber'
);
const QUERY = 'levers=sanctions,cyber';

async function expectCounts(frame: Frame | Page, expected: ReturnType<typeof countsOf>) {
	const counts = frame.getByTestId('counts');
	await expect(counts).toHaveAttribute('data-events', String(expected.events));
	await expect(counts).toHaveAttribute('data-actors', String(expected.actors));
	await expect(counts).toHaveAttribute('data-edges', String(expected.edges));
}

function overflows(frame: Frame) {
	return frame.evaluate(
		() => document.documentElement.scrollWidth > document.documentElement.clientWidth
	);
}

for (const view of ['network', 'timeline', 'board'] as const) {
	test(`/embed/${view} in a host page on another origin shows what the dashboard shows`, async ({
		page,
		baseURL
	}) => {
		await page.goto(`/?${QUERY}`);
		await waitForReady(page);
		await expectCounts(page, countsOf(sanctionsAndCyber));
		const provenance = await page.getByTestId('provenance').textContent();
		expect(provenance).toContain('shipped dataset');

		const frame = await embedIn(page, `${baseURL}/embed/${view}?${QUERY}`, 640);
		await expectCounts(frame, countsOf(sanctionsAndCyber));
		await expect(frame.getByTestId('filters')).toHaveCount(0);
		await expect(frame.getByRole('heading', { name: 'Leverwatch' })).toHaveCount(0);
		await expect(frame.getByTestId('network-view')).toHaveCount(view === 'timeline' ? 0 : 1);
		await expect(frame.getByTestId('timeline-view')).toHaveCount(view === 'network' ? 0 : 1);
		if (view !== 'timeline') {
			await expect(frame.getByTestId('network-view').locator('.node')).toHaveCount(
				countsOf(sanctionsAndCyber).actors
			);
		}
		await expect(frame.locator('.legend').first()).toBeVisible();

		const caption = frame.getByTestId('caption');
		await expect(caption.getByTestId('caption-filters')).toHaveText(
			'Showing Levers: Sanctions, Cyber'
		);
		await expect(caption.getByTestId('caption-source')).toHaveText(provenance!);
		const link = caption.getByRole('link', { name: 'View in Leverwatch' });
		await expect(link).toHaveAttribute('target', '_blank');
		await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
		expect(await link.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(`${baseURL}/?${QUERY}`);

		expect(await overflows(frame)).toBe(false);
	});
}

test('fits a 320 px phone column, and follows the frame as it resizes', async ({
	page,
	baseURL
}) => {
	const frame = await embedIn(page, `${baseURL}/embed/board?${QUERY}`, 320);
	await expectCounts(frame, countsOf(sanctionsAndCyber));
	await expect(frame.getByTestId('network-view').locator('svg.network')).toBeVisible();
	await expect(frame.getByTestId('timeline-view').locator('svg.timeline')).toBeVisible();
	expect(await frame.evaluate(() => document.documentElement.clientWidth)).toBe(320);
	expect(await overflows(frame)).toBe(false);

	const chartWidths = () =>
		frame.evaluate(() =>
			[...document.querySelectorAll('svg[data-export="chart"]')].map((svg) =>
				Number(svg.getAttribute('width'))
			)
		);
	for (const width of [1200, 640, 320]) {
		await page.locator('#lw').evaluate((f, width) => (f.style.width = `${width}px`), width);
		// Side by side when there is room for both, one above the other otherwise.
		const each = width >= 900 ? width / 2 : width;
		await expect
			.poll(async () => (await chartWidths()).every((w) => w <= each - 16 && w > each - 80))
			.toBe(true);
		expect(await overflows(frame)).toBe(false);
	}
});

test('names actors, statuses and dates in the caption', async ({ page, baseURL }) => {
	const nvidia = shipped.actors.find((a) => a.id === 'nvidia')!;
	const frame = await embedIn(
		page,
		`${baseURL}/embed/network?actors=nvidia&status=suspended&from=2025-01&to=2025-12-31&q=chips`,
		640
	);
	await expect(frame.getByTestId('caption-filters')).toHaveText(
		`Showing Actors: ${nvidia.name} · Status: Suspended · Dates: Jan 2025 – 31 Dec 2025 · Search: “chips”`
	);
});

test('answers leverwatch:set-state from its host page', async ({ page, baseURL }) => {
	const frame = await embedIn(page, `${baseURL}/embed/timeline?${QUERY}&id=story`, 640);
	const entries = await page.evaluate(() => history.length);
	await page.evaluate(() => {
		const frame = document.querySelector('iframe')!;
		frame.contentWindow!.postMessage(
			{ type: 'leverwatch:set-state', query: 'levers=tariffs' },
			'*'
		);
	});
	const tariffs = shipped.events.filter((e) => e.lever === 'tariffs');
	await expect
		.poll(() => receivedOfType(page, 'leverwatch:state'))
		.toEqual([{ type: 'leverwatch:state', query: 'levers=tariffs', counts: countsOf(tariffs) }]);
	// The frame keeps its own id for the height messages that follow.
	await expect.poll(() => frame.url()).toMatch(/\/embed\/timeline\?id=story&levers=tariffs$/);
	await expectCounts(frame, countsOf(tariffs));
	await expect(frame.getByTestId('caption-filters')).toHaveText('Showing Levers: Tariffs');
	// The same timing contract as the dashboard: one lw:ready, then one lw:update per change.
	const measures = await frame.evaluate(() =>
		['lw:ready', 'lw:update'].map((name) => performance.getEntriesByName(name, 'measure').length)
	);
	expect(measures).toEqual([1, 1]);
	// The embed changed its URL in place: the host page's Back button still leaves the report.
	expect(await page.evaluate(() => history.length)).toBe(entries);
});

test('posts its content height, also in Datawrapper form', async ({ page, baseURL }) => {
	const frame = await embedIn(page, `${baseURL}/embed/board?${QUERY}&id=story-1`, 640);
	const content = async () =>
		Math.ceil(
			await frame.evaluate(() => document.querySelector('.embed')!.getBoundingClientRect().height)
		);
	await expect
		.poll(async () => (await receivedOfType(page, 'leverwatch:height')).at(-1)?.height)
		.toBe(await content());
	const datawrapper = await page.evaluate(() =>
		window.received.filter((m) => m['datawrapper-height']).at(-1)
	);
	expect(datawrapper).toEqual({ 'datawrapper-height': { 'story-1': await content() } });

	// The host sized the frame to the content: nothing scrolls inside it.
	await expect
		.poll(() => page.locator('#lw').evaluate((f) => f.getBoundingClientRect().height))
		.toBe(await content());
	expect(
		await frame.evaluate(
			() => document.documentElement.scrollHeight <= document.documentElement.clientHeight
		)
	).toBe(true);

	// A change of filters changes the height, and the host hears of it.
	await page.evaluate(() =>
		document
			.querySelector('iframe')!
			.contentWindow!.postMessage({ type: 'leverwatch:set-state', query: 'levers=cyber' }, '*')
	);
	await expectCounts(frame, countsOf(shipped.events.filter((e) => e.lever === 'cyber')));
	await expect
		.poll(async () => (await receivedOfType(page, 'leverwatch:height')).at(-1)?.height)
		.toBe(await content());
});

test('hovering and selecting still link the views inside an embed', async ({ page, baseURL }) => {
	const frame = await embedIn(page, `${baseURL}/embed/board?${QUERY}`, 1000);
	const event = sanctionsAndCyber.find((e) => e.actors.length === 1 && e.targets.length === 1)!;
	const mark = frame.getByTestId('timeline-view').locator(`.mark[data-event-id="${event.id}"]`);
	await mark.hover();
	const network = frame.getByTestId('network-view');
	await expect(network.locator(`.node[data-actor-id="${event.actors[0]}"]`)).toHaveAttribute(
		'opacity',
		'1'
	);
	await expect(frame.getByRole('tooltip')).toContainText(event.title);
	await mark.click();
	await expect.poll(() => frame.url()).toContain(`sel=${event.id}`);
	await expect(mark).toHaveClass(/selected/);
});

test('is not served for views that do not exist', async ({ page }) => {
	expect((await page.request.get('/embed/filters')).status()).toBe(404);
	expect((await page.request.get('/embed/board')).status()).toBe(200);
});

test.describe('the Embed dialog on the dashboard', () => {
	test.beforeEach(async ({ page, context, baseURL }) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
		await page.goto(`/?${QUERY}`);
		await waitForReady(page);
	});

	test('offers the snippet for the current filters, copies it and previews it', async ({
		page,
		baseURL
	}) => {
		const opener = page.getByRole('button', { name: 'Embed…' });
		await opener.click();
		const dialog = page.getByRole('dialog', { name: 'Embed this view' });
		await expect(dialog).toBeVisible();
		// Built as it opens, yet in time for the dialog to take the focus to its first control.
		await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

		const code = dialog.getByTestId('embed-code');
		await expect(code).toHaveValue(
			`<iframe src="${baseURL}/embed/board?levers=sanctions,cyber" ` +
				'title="Leverwatch: who pulled which lever, on whom, and when" width="100%" ' +
				'height="760" style="border: 0; max-width: 100%" loading="lazy"></iframe>'
		);
		await dialog.getByRole('radio', { name: 'Timeline', exact: true }).check();
		await dialog.getByTestId('embed-height').fill('520');
		await expect(code).toHaveValue(
			new RegExp(`src="${baseURL}/embed/timeline\\?levers=sanctions,cyber".*height="520"`)
		);

		await dialog.getByRole('button', { name: 'Copy' }).click();
		await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());

		const preview = page.frameLocator('[data-testid="embed-preview"]');
		await expect(preview.locator('html[data-state="ready"]')).toHaveCount(1);
		await expect(preview.getByTestId('counts')).toHaveAttribute(
			'data-events',
			String(sanctionsAndCyber.length)
		);
		await expect(preview.getByTestId('timeline-view')).toBeVisible();
		await expect(preview.getByTestId('network-view')).toHaveCount(0);

		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(page.getByTestId('embed-preview')).toHaveCount(0);
		await expect(opener).toBeFocused();
	});

	test('selects the snippet when the clipboard refuses', async ({ page }) => {
		await page.evaluate(() => {
			navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
		});
		await page.getByRole('button', { name: 'Embed…' }).click();
		const dialog = page.getByRole('dialog', { name: 'Embed this view' });
		await dialog.getByRole('button', { name: 'Copy' }).click();
		await expect(dialog.getByRole('status')).toContainText('press Ctrl+C');
		const selection = await dialog
			.getByTestId('embed-code')
			.evaluate((area: HTMLTextAreaElement) => [
				document.activeElement === area,
				area.selectionEnd - area.selectionStart === area.value.length
			]);
		expect(selection).toEqual([true, true]);
	});
});
