import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { countsOf, inRange, shipped } from './shipped';
import { settledUrl, waitForReady, watchPage } from './watch';

async function expectCounts(page: Page, expected: ReturnType<typeof countsOf>) {
	const counts = page.getByTestId('counts');
	await expect(counts).toHaveAttribute('data-events', String(expected.events));
	await expect(counts).toHaveAttribute('data-actors', String(expected.actors));
	await expect(counts).toHaveAttribute('data-edges', String(expected.edges));
}

/** Network nodes, timeline marks in range, and table rows all show the same events. */
async function expectViewsShow(page: Page, events: typeof shipped.events) {
	const expected = countsOf(events);
	await expectCounts(page, expected);
	await expect(page.getByTestId('network-view').locator('.node')).toHaveCount(expected.actors);
	// Off screen, the table's rows follow the change (Shown.rowsBehind): wait until they have.
	await expect(page.getByTestId('events-table')).toHaveAttribute('aria-busy', 'false');
	await expect(page.getByTestId('events-table').locator('tbody tr')).toHaveCount(events.length);
	const ids = await page
		.getByTestId('events-table')
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event-id')));
	expect(ids.sort()).toEqual(events.map((e) => e.id).sort());
}

const cyber = shipped.events.filter((e) => e.lever === 'cyber');

test.beforeEach(async ({ page }) => {
	await page.goto('/');
	await waitForReady(page);
});

test('a lever chip narrows the network, the timeline, the table and the counts', async ({
	page
}) => {
	await page.getByTestId('lever-filter').getByRole('button', { name: /Cyber/ }).click();
	await expect(page).toHaveURL(/levers=cyber/);
	await expectViewsShow(page, cyber);
	await expect(page.getByTestId('timeline-view').locator('.mark')).toHaveCount(cyber.length);
});

test('status, actor and text filters narrow every view, and combine', async ({ page }) => {
	await page
		.getByTestId('status-filter')
		.getByRole('button', { name: /Suspended/ })
		.click();
	await expectViewsShow(
		page,
		shipped.events.filter((e) => e.status === 'suspended')
	);
	await page.getByRole('button', { name: 'Clear all' }).first().click();
	await expectCounts(page, countsOf(shipped.events));

	await page.getByPlaceholder('Find an actor…').fill('nvidia');
	await page
		.getByTestId('actor-filter')
		.getByRole('checkbox', { name: /Nvidia/ })
		.check();
	await expect(page).toHaveURL(/actors=nvidia/);
	const nvidia = shipped.events.filter((e) => [...e.actors, ...e.targets].includes('nvidia'));
	await expectViewsShow(page, nvidia);

	await page.getByTestId('search').fill('H200');
	const h200 = nvidia.filter((e) =>
		[e.title, e.summary ?? '', e.source ?? ''].some((text) => text.toLowerCase().includes('h200'))
	);
	expect(h200.length).toBeGreaterThan(0);
	await expectViewsShow(page, h200);
	await expect(page).toHaveURL(/q=H200/);
});

test('the date inputs keep events whose span overlaps the range', async ({ page }) => {
	await page.getByTestId('from').fill('2025-10-01');
	await page.getByTestId('to').fill('2025-11-15');
	await page.getByTestId('to').press('Tab');
	await expect(page).toHaveURL(/from=2025-10-01&to=2025-11-15/);
	await expectViewsShow(page, inRange(shipped.events, '2025-10-01', '2025-11-15'));
	// The timeline keeps its context: all events stay drawn, those outside are dimmed.
	await expect(page.getByTestId('timeline-view').locator('.mark')).toHaveCount(
		shipped.events.length
	);
});

test('brushing the time axis sets the from/to filter', async ({ page }) => {
	const band = page.getByTestId('brush-band');
	await band.scrollIntoViewIfNeeded();
	const box = (await band.boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 6 });
	await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2, { steps: 6 });
	await page.mouse.up();
	await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
	const url = await settledUrl(page);
	const from = url.searchParams.get('from')!;
	const to = url.searchParams.get('to')!;
	expect(from < to).toBe(true);
	await expect(page.getByTestId('brush-range')).toBeVisible();
	await expect(page.getByTestId('from')).toHaveValue(from);
	await expectViewsShow(page, inRange(shipped.events, from, to));

	// One history entry for the whole gesture: back returns to the unfiltered view.
	await page.goBack();
	await expectCounts(page, countsOf(shipped.events));
});

test('a brush can start on a year label of the axis', async ({ page }) => {
	const label = page.getByTestId('timeline-view').locator('.axis text').first();
	await label.scrollIntoViewIfNeeded();
	const box = (await label.boundingBox())!;
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + box.width / 2, y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 + 150, y, { steps: 6 });
	await page.mouse.up();
	await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
	const url = await settledUrl(page);
	expect(url.searchParams.get('from')! < url.searchParams.get('to')!).toBe(true);
	await expect(page.getByTestId('brush-range')).toBeVisible();
});

test('zooming the timeline in and out keeps every mark and changes the axis', async ({ page }) => {
	const timeline = page.getByTestId('timeline-view');
	const ticks = () => timeline.locator('.axis text').allTextContents();
	const before = await ticks();
	await timeline.getByRole('button', { name: 'Zoom in on time' }).click();
	await expect.poll(ticks).not.toEqual(before);
	await timeline.getByRole('button', { name: 'Zoom in on time' }).click();
	await expect(timeline.locator('.mark')).toHaveCount(shipped.events.length);
	await expect(page.getByTestId('view-error')).toHaveCount(0);
	await timeline.getByRole('button', { name: 'All time' }).click();
	await expect.poll(ticks).toEqual(before);
});

test('selecting an event fills the details, with its neighbours on the same lever', async ({
	page
}) => {
	const track = shipped.events.filter((e) => e.lever_id === 'zte-denial-order');
	expect(track.length).toBeGreaterThanOrEqual(2);
	const [first, second] = track;
	await page.getByTestId('timeline-view').locator(`.mark[data-event-id="${first!.id}"]`).click();
	await expect(page).toHaveURL(new RegExp(`sel=${first!.id}`));
	const details = page.getByTestId('details');
	await expect(details.getByTestId('details-title')).toHaveText(first!.title);
	await expect(details).toContainText(first!.summary!);
	await expect(details.getByRole('link', { name: first!.source! })).toHaveAttribute(
		'rel',
		'noopener noreferrer'
	);
	await details.getByRole('button', { name: /Next on this lever/ }).click();
	await expect(details.getByTestId('details-title')).toHaveText(second!.title);
	await expect(details.getByRole('button', { name: /Previous on this lever/ })).toBeVisible();
});

test('the URL reproduces the view on reload, and back/forward step through changes', async ({
	page
}) => {
	const event = cyber[0]!;
	await page.goto(`/?levers=cyber&sel=${event.id}&lanes=actor`);
	await waitForReady(page);
	await expectViewsShow(page, cyber);
	await expect(page.getByTestId('details-title')).toHaveText(event.title);
	await expect(page.getByTestId('timeline-view').getByRole('combobox')).toHaveValue('actor');

	await page.reload();
	await waitForReady(page);
	await expectViewsShow(page, cyber);
	await expect(page.getByTestId('details-title')).toHaveText(event.title);

	await page
		.getByTestId('lever-filter')
		.getByRole('button', { name: /Sanctions/ })
		.click();
	const both = shipped.events.filter((e) => e.lever === 'cyber' || e.lever === 'sanctions');
	await expectCounts(page, countsOf(both));
	await page.goBack();
	await expectCounts(page, countsOf(cyber));
	await page.goForward();
	await expectCounts(page, countsOf(both));
});

test('answers leverwatch:set-state messages once painted, ignoring data parameters', async ({
	page
}) => {
	const reply = await page.evaluate(
		() =>
			new Promise<unknown>((resolve) => {
				window.addEventListener('message', (event) => {
					if (event.data?.type === 'leverwatch:state') resolve(event.data);
				});
				window.postMessage(
					{
						type: 'leverwatch:set-state',
						query: 'levers=tariffs&data=https%3A%2F%2Fevil.example%2Fx.csv'
					},
					'*'
				);
			})
	);
	const tariffs = shipped.events.filter((e) => e.lever === 'tariffs');
	expect(reply).toEqual({
		type: 'leverwatch:state',
		query: 'levers=tariffs',
		counts: countsOf(tariffs)
	});
	await expect(page).toHaveURL(/\?levers=tariffs$/);
	await expectViewsShow(page, tariffs);
	const updates = await page.evaluate(
		() => performance.getEntriesByName('lw:update', 'measure').length
	);
	expect(updates).toBe(1);
});

test('a burst of changes ends on the last one and never paints an older one after a newer', async ({
	page
}) => {
	// Levers whose event counts differ, so each painted count tells which change it shows.
	const byCount = new Map<number, string>();
	for (const lever of new Set(shipped.events.flatMap((e) => (e.lever ? [e.lever] : [])))) {
		const count = shipped.events.filter((e) => e.lever === lever).length;
		if (!byCount.has(count)) byCount.set(count, lever);
	}
	const burst = [...byCount.values()].slice(0, 6);
	expect(burst.length).toBeGreaterThan(3);
	const painted = await page.evaluate(
		(levers) =>
			new Promise<number[]>((resolve) => {
				const counts = document.querySelector('[data-testid="counts"]')!;
				const seen: number[] = [];
				new MutationObserver(() => seen.push(Number(counts.getAttribute('data-events')))).observe(
					counts,
					{ attributes: true, attributeFilter: ['data-events'] }
				);
				window.addEventListener('message', (event) => {
					if (event.data?.type === 'leverwatch:state') setTimeout(() => resolve(seen), 500);
				});
				for (const lever of levers) {
					window.postMessage({ type: 'leverwatch:set-state', query: `levers=${lever}` }, '*');
				}
			}),
		burst
	);
	const order = painted.map((count) => burst.indexOf(byCount.get(count)!));
	expect(order.at(-1)).toBe(burst.length - 1);
	expect(order).toEqual([...order].sort((a, b) => a - b));
	await expect(page).toHaveURL(new RegExp(`levers=${burst.at(-1)}$`));
});

test('hovering an event highlights its actors in the network, and the reverse', async ({
	page
}) => {
	const event = shipped.events.find((e) => e.actors.length === 1 && e.targets.length === 1)!;
	await page.getByTestId('timeline-view').locator(`.mark[data-event-id="${event.id}"]`).hover();
	const network = page.getByTestId('network-view');
	await expect(network.locator(`.node[data-actor-id="${event.actors[0]}"]`)).toHaveAttribute(
		'opacity',
		'1'
	);
	const bystander = shipped.events
		.flatMap((e) => [...e.actors, ...e.targets])
		.find((id) => id !== event.actors[0] && id !== event.targets[0])!;
	await expect(network.locator(`.node[data-actor-id="${bystander}"]`)).toHaveAttribute(
		'opacity',
		'0.25'
	);

	const actor = event.actors[0]!;
	await network.locator(`.node[data-actor-id="${actor}"]`).hover();
	const theirs = shipped.events.filter((e) => [...e.actors, ...e.targets].includes(actor));
	const other = shipped.events.find((e) => !theirs.includes(e))!;
	const timeline = page.getByTestId('timeline-view');
	await expect(timeline.locator(`.mark[data-event-id="${theirs[0]!.id}"]`)).toHaveAttribute(
		'opacity',
		'1'
	);
	await expect(timeline.locator(`.mark[data-event-id="${other.id}"]`)).toHaveAttribute(
		'opacity',
		'0.15'
	);
});

test('clicking an actor highlights it and can add it to the actor filter', async ({ page }) => {
	const network = page.getByTestId('network-view');
	await network.locator('.node[data-actor-id="nvidia"]').click();
	await expect(page.getByTestId('actor-card')).toContainText('Nvidia');
	await page.getByRole('button', { name: 'Add to actor filter' }).click();
	await expect(page).toHaveURL(/actors=nvidia/);
	await expectViewsShow(
		page,
		shipped.events.filter((e) => [...e.actors, ...e.targets].includes('nvidia'))
	);
});

test('works from the keyboard: filter, walk the network, select an event', async ({ page }) => {
	const watched = watchPage(page, 'http://127.0.0.1');
	const chip = page.getByTestId('lever-filter').getByRole('button', { name: /Chip licences/ });
	await chip.focus();
	await page.keyboard.press('Enter');
	await expect(chip).toHaveAttribute('aria-pressed', 'true');
	const chips = shipped.events.filter((e) => e.lever === 'chip_licences');
	await expectCounts(page, countsOf(chips));

	const firstNode = page.getByTestId('network-view').locator('.node[tabindex="0"]');
	await firstNode.focus();
	await page.keyboard.press('ArrowRight');
	const focusedId = await page.evaluate(() =>
		document.activeElement?.getAttribute('data-actor-id')
	);
	expect(focusedId).toBeTruthy();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('actor-card')).toBeVisible();

	const firstMark = page.getByTestId('timeline-view').locator('.mark[tabindex="0"]');
	await firstMark.focus();
	await page.keyboard.press('ArrowRight');
	const markEvent = await page.evaluate(() =>
		document.activeElement?.getAttribute('data-event-id')
	);
	await page.keyboard.press('Enter');
	const event = shipped.events.find((e) => e.id === markEvent)!;
	await expect(page.getByTestId('details-title')).toHaveText(event.title);
	expect(watched.errors).toEqual([]);
});

test('says so when no event matches, and clears in one click', async ({ page }) => {
	await page.getByTestId('search').fill('no such words anywhere');
	await expect(page.getByTestId('no-match')).toContainText('No events match');
	await expectCounts(page, { events: 0, actors: 0, edges: 0 });
	await page.getByTestId('no-match').getByRole('button', { name: 'Clear all filters' }).click();
	await expectCounts(page, countsOf(shipped.events));
	await expect(page.getByTestId('search')).toHaveValue('');
});

test('shows a "today" marker and lever status tracks with a table alternative', async ({
	page
}) => {
	const timeline = page.getByTestId('timeline-view');
	await expect(timeline.getByTestId('today-marker')).toBeVisible();
	const tracks = new Set(
		shipped.events.filter((e) => e.lever_id && e.status).map((e) => e.lever_id)
	);
	await expect(timeline.locator('.track')).toHaveCount(tracks.size);
	await expect(timeline.locator('.track[data-lever-id="zte-denial-order"] .segment')).toHaveCount(
		2
	);
	await timeline.getByText('Lever status as a table').click();
	await expect(timeline.getByTestId('tracks-table')).toContainText(
		'Imposed (15 Apr 2018) → Lifted (13 Jul 2018)'
	);
});
