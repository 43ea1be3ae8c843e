import { expect, type Page } from '@playwright/test';

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

/**
 * Opens the dashboard on a CSV served from another origin by `?data=` with a `map=`, as a
 * reader following a shared link would, and waits until it is shown.
 */
export async function openCsvLink(page: Page, name: string, body: string, mapping: string) {
	await page.route('https://data.example/**', (route) =>
		route.fulfill({
			status: 200,
			contentType: 'text/csv',
			headers: { 'access-control-allow-origin': '*' },
			body
		})
	);
	await page.goto(
		`/?data=${encodeURIComponent(`https://data.example/${name}`)}&map=${encodeURIComponent(mapping)}`
	);
	await waitForReady(page);
}

/**
 * The page's URL once a gesture's navigations have all landed: each step of a drag navigates
 * (SvelteKit's `goto` is asynchronous), so right after the mouse is released the URL may still
 * be an earlier step's.
 */
export async function settledUrl(page: Page): Promise<URL> {
	let last = '';
	await expect
		.poll(
			() => {
				const current = page.url();
				const same = current === last;
				last = current;
				return same;
			},
			{ intervals: [250] }
		)
		.toBe(true);
	return new URL(last);
}
