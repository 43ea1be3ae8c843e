import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { countsOf, shipped } from './shipped';
import { watchPage } from './watch';

/** Scrolls a step of the example report to the middle of the window, where it becomes active. */
function scrollToStep(page: Page, query: string) {
	return page
		.locator(`.step[data-query="${query}"]`)
		.evaluate((step) => step.scrollIntoView({ block: 'center' }));
}

test('the example report drives its embed as the reader scrolls', async ({ page, baseURL }) => {
	const watched = watchPage(page, baseURL!);
	await page.goto('/examples/scroll-embed.html');
	const frame = page.frameLocator('#leverwatch');
	await expect(frame.locator('html[data-state="ready"]')).toHaveCount(1);
	await expect(frame.getByTestId('counts')).toHaveAttribute(
		'data-events',
		String(shipped.events.length)
	);

	const steps: [string, typeof shipped.events][] = [
		['levers=tariffs', shipped.events.filter((e) => e.lever === 'tariffs')],
		[
			'actors=salt-typhoon',
			shipped.events.filter((e) => [...e.actors, ...e.targets].includes('salt-typhoon'))
		]
	];
	for (const [query, events] of steps) {
		await scrollToStep(page, query);
		await expect(page.locator(`.step[data-query="${query}"]`)).toHaveClass(/active/);
		const expected = countsOf(events);
		await expect(frame.getByTestId('counts')).toHaveAttribute(
			'data-events',
			String(expected.events)
		);
		await expect(page.locator('#embed-status')).toHaveText(
			`The embed shows ${expected.events} events and ${expected.actors} actors.`
		);
		// The frame is as tall as the embed's content.
		const content = await frame
			.locator('.embed')
			.evaluate((embed) => Math.ceil(embed.getBoundingClientRect().height));
		await expect
			.poll(() => page.locator('#leverwatch').evaluate((f) => f.getBoundingClientRect().height))
			.toBe(content);
	}
	expect(watched.errors).toEqual([]);
	expect(watched.foreignRequests).toEqual([]);
});
