import { expect, test } from './fixtures';
import { openCsvLink } from './watch';

/** More events than the timeline draws one by one: tariffs every day for a decade, 12 sanctions. */
const EVENTS = 6_000;
const SANCTIONS = 12;

function eventDay(i: number): string {
	return new Date(Date.UTC(2016, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
}

function manyEvents(): string {
	const lines = ['date,actor,lever'];
	for (let i = 0; i < EVENTS; i++) {
		const lever = i % 500 === 0 ? 'sanctions' : 'tariffs';
		lines.push(`${eventDay(i)},actor-${i % 7},${lever}`);
	}
	return lines.join('\n');
}

test.beforeEach(async ({ page }) => {
	await openCsvLink(page, 'many.csv', manyEvents(), 'date:date,actors:actor,lever:lever');
});

test('draws counts per period when there are too many events, and each event once narrowed', async ({
	page
}) => {
	const timeline = page.getByTestId('timeline-view');
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', String(EVENTS));
	await expect(timeline).toHaveAttribute('data-mode', 'bins');
	await expect(timeline.locator('.bin-lane')).toHaveCount(2);
	await expect(timeline.locator('.mark')).toHaveCount(0);
	await expect(timeline.getByTestId('bins-hint')).toContainText(
		'counts per period because there are 6,000 events'
	);
	await expect(timeline.getByTestId('bins-hint')).toContainText('lever status tracks appear');

	// The counts can be read without the chart.
	await timeline.getByText('Event counts as a table').click();
	const table = timeline.getByTestId('bins-table');
	await expect(table.locator('tbody tr')).toHaveText([/Sanctions\s*12/, /Tariffs\s*5,988/]);

	// Pointing at a period tells what it holds.
	const tariffs = timeline.locator('.bin-lane[data-lane="tariffs"]');
	const lane = (await tariffs.boundingBox())!;
	await page.mouse.move(lane.x + lane.width / 2, lane.y + lane.height - 3);
	await expect(page.getByRole('tooltip')).toContainText(/\d+ events?, .*\d{4}, Tariffs/);

	await page
		.getByTestId('lever-filter')
		.getByRole('button', { name: /Sanctions/ })
		.click();
	await expect(page).toHaveURL(/levers=sanctions/);
	await expect(timeline).toHaveAttribute('data-mode', 'events');
	await expect(timeline.locator('.mark')).toHaveCount(SANCTIONS);
	await expect(timeline.getByTestId('bins-hint')).toHaveCount(0);
});

test('brushing the axis over counts sets the time range and keeps the context', async ({
	page
}) => {
	const timeline = page.getByTestId('timeline-view');
	await expect(timeline).toHaveAttribute('data-mode', 'bins');
	const band = page.getByTestId('brush-band');
	await band.scrollIntoViewIfNeeded();
	const box = (await band.boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 6 });
	await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 6 });
	await page.mouse.up();
	await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
	await expect(page.getByTestId('brush-range')).toBeVisible();

	// The URL and the views catch up with the brush's last step (each step navigates and
	// queries): then the page counts exactly the events of the chosen days.
	const counts = page.getByTestId('counts');
	const caughtUp = async () => {
		const url = new URL(page.url());
		const from = url.searchParams.get('from')!;
		const to = url.searchParams.get('to')!;
		let events = 0;
		for (let i = 0; i < EVENTS; i++) if (from <= eventDay(i) && eventDay(i) <= to) events++;
		return { from, to, events, shown: Number(await counts.getAttribute('data-events')) };
	};
	await expect
		.poll(async () => {
			const { events, shown } = await caughtUp();
			return events === shown;
		})
		.toBe(true);
	const { from, to, events: inRange } = await caughtUp();
	expect(from < to).toBe(true);
	expect(inRange).toBeGreaterThan(0);
	expect(inRange).toBeLessThan(EVENTS);

	// Still counts over the whole decade, with the chosen range drawn apart from the rest.
	await expect(timeline).toHaveAttribute('data-mode', 'bins');
	await expect(timeline.locator('.bin-lane[data-lane="tariffs"] path')).toHaveCount(2);
	await timeline.getByText('Event counts as a table').click();
	const cells = await timeline.getByTestId('bins-table').locator('tbody td').allInnerTexts();
	// Per lane: all events, then those in the range; the ranges add up to the page's count.
	const numbers = cells.map((cell) => Number(cell.replaceAll(',', '')));
	expect(numbers[0]! + numbers[2]!).toBe(EVENTS);
	expect(numbers[1]! + numbers[3]!).toBe(inRange);
});

test('zooming in on counts draws each event of the period in view; all time brings counts back', async ({
	page
}) => {
	const timeline = page.getByTestId('timeline-view');
	await expect(timeline).toHaveAttribute('data-mode', 'bins');
	// Zoomed in twice, the axis shows under half of the decade: few enough events to draw.
	await timeline.getByRole('button', { name: 'Zoom in on time' }).click();
	await timeline.getByRole('button', { name: 'Zoom in on time' }).click();
	await expect(timeline).toHaveAttribute('data-mode', 'zoomed');
	const hint = timeline.getByTestId('zoomed-hint');
	await expect(hint).toContainText('for counts over all 6,000');
	const drawn = Number(
		(await hint.innerText()).match(/Each of the ([\d,]+) events/)![1]!.replace(',', '')
	);
	expect(drawn).toBeGreaterThan(0);
	expect(drawn).toBeLessThan(EVENTS);
	await expect(timeline.locator('.mark')).toHaveCount(drawn);
	await expect(timeline.locator('.bin-lane')).toHaveCount(0);

	// Panning moves the period; its events follow.
	const ids = () =>
		timeline
			.locator('.mark')
			.evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-event-id')).join());
	const shownBefore = await ids();
	const chart = timeline.locator('svg[data-export="chart"]');
	await chart.scrollIntoViewIfNeeded();
	const box = (await chart.boundingBox())!;
	const y = box.y + box.height - 12;
	await page.mouse.move(box.x + box.width * 0.6, y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.3, y, { steps: 6 });
	await page.mouse.up();
	await expect.poll(ids).not.toBe(shownBefore);
	await expect(timeline).toHaveAttribute('data-mode', 'zoomed');

	await timeline.getByRole('button', { name: 'All time' }).click();
	await expect(timeline).toHaveAttribute('data-mode', 'bins');
	await expect(timeline.locator('.mark')).toHaveCount(0);
});
