import { createHash } from 'node:crypto';
import { ANNOUNCER_STYLE, headerPolicy, metaPolicy } from '../../src/build/csp.js';
import { expect, test } from './fixtures';
import { frameIn } from './host';
import { countsOf, shipped } from './shipped';
import { waitForReady } from './watch';

const PAGES = ['/', '/embed/network', '/embed/timeline', '/embed/board'];

/** A policy's directives by name, from its text. */
function directives(policy: string): Map<string, string[]> {
	return new Map(
		policy.split(';').map((part) => {
			const [name, ...values] = part.trim().split(/\s+/);
			return [name!, values];
		})
	);
}

test('every page is served with the policy, as a header and a meta tag, and no inline script', async ({
	request
}) => {
	for (const path of PAGES) {
		const response = await request.get(path);
		expect(response.ok()).toBe(true);
		const header = response.headers()['content-security-policy']!;
		const embed = path.startsWith('/embed/');
		expect(header, path).toBe(headerPolicy(embed ? 'embed' : 'page'));
		const policy = directives(header);
		expect(policy.get('script-src'), path).toEqual(["'self'", "'wasm-unsafe-eval'"]);
		expect(policy.get('worker-src'), path).toEqual(["'self'"]);
		expect(policy.get('frame-ancestors'), path).toEqual([embed ? '*' : "'none'"]);
		expect(header, path).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'nonce-/);
		// The one hash: the style attribute of SvelteKit's route announcer, and nothing else.
		expect(header.match(/'sha\d+-/g), path).toHaveLength(1);
		expect(policy.get('style-src-attr'), path).toEqual([
			"'unsafe-hashes'",
			`'sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}'`
		]);

		const html = await response.text();
		const meta = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)"/);
		expect(meta?.[1], path).toBe(metaPolicy());
		expect(directives(meta![1]!).has('frame-ancestors')).toBe(false);
		// Every script is a file of the site's own; the page has no script text at all.
		const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
		expect(scripts.length, path).toBeGreaterThan(0);
		for (const [, attributes, body] of scripts) {
			expect(attributes, path).toMatch(/\ssrc="\.{1,2}\/_app\/immutable\/boot\/[\w-]+\.js"/);
			expect(body, path).toBe('');
		}
	}
});

test('a script injected into the page does not run, and the violation is reported', async ({
	page,
	csp
}) => {
	await page.goto('/');
	await waitForReady(page);
	const injected = await page.evaluate(async () => {
		const script = document.createElement('script');
		script.textContent = 'window.injected = "script"';
		document.body.append(script);
		const button = document.createElement('button');
		button.setAttribute('onclick', 'window.injected = "handler"');
		document.body.append(button);
		button.click();
		button.remove();
		await new Promise((resolve) => setTimeout(resolve, 100));
		return (window as { injected?: string }).injected ?? 'nothing';
	});
	expect(injected).toBe('nothing');
	// Reported once per policy in force: the header's and the meta tag's.
	const refused: string[] = [];
	await expect
		.poll(() => {
			refused.push(...csp.take().map((v) => v.directive));
			return [...new Set(refused)].sort();
		})
		.toEqual(['script-src-attr', 'script-src-elem']);
	// The page goes on working.
	await page
		.getByTestId('filters')
		.getByRole('button', { name: /^Tariffs/ })
		.click();
	await expect(page.getByTestId('counts')).toHaveAttribute(
		'data-events',
		String(countsOf(shipped.events.filter((e) => e.lever === 'tariffs')).events)
	);
});

test('the dashboard cannot be put in a frame by another site; an embed can', async ({
	page,
	baseURL
}) => {
	const refusals: string[] = [];
	page.on('console', (message) => {
		if (message.text().includes('frame-ancestors')) refusals.push(message.text());
	});
	const dashboard = await frameIn(page, `${baseURL}/`, 800);
	await expect.poll(() => refusals.length).toBeGreaterThan(0);
	expect(refusals[0]).toContain(`${baseURL}/`);
	await expect(dashboard.locator('html[data-state]')).toHaveCount(0);

	const embed = await frameIn(page, `${baseURL}/embed/network`, 800);
	await expect(embed.locator('html[data-state="ready"]')).toHaveCount(1);
	expect(refusals).toHaveLength(1);
});
