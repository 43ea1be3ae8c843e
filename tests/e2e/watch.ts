import type { Page } from '@playwright/test';

/**
 * Records what a page does that a user would never want: errors in the console, uncaught
 * exceptions, and requests to any origin but the site's own.
 */
export function watchPage(page: Page, origin: string) {
	const errors: string[] = [];
	const foreignRequests: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('request', (request) => {
		const url = request.url();
		if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
			foreignRequests.push(url);
		}
	});
	return { errors, foreignRequests };
}

export async function waitForReady(page: Page) {
	await page.locator('html[data-state="ready"]').waitFor({ state: 'attached' });
}
