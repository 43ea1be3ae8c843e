import type { Frame, Page } from '@playwright/test';

/** A report on another origin than the site's, as a newspaper embedding Leverwatch would be. */
export const HOST = 'http://host.test';

export interface Received {
	type?: string;
	height?: number;
	query?: string;
	counts?: { events: number; actors: number; edges: number };
	'datawrapper-height'?: Record<string, number>;
}

declare global {
	interface Window {
		received: Received[];
	}
}

/**
 * Serves a host page at http://host.test/ holding one iframe with `src`, which records every
 * message its frame sends (checking the sender, as a host must) and sizes the frame to the height
 * the embed reports. Returns the frame once the embed inside it is ready.
 */
export async function embedIn(page: Page, src: string, width: number): Promise<Frame> {
	const embed = await frameIn(page, src, width);
	await embed.locator('html[data-state="ready"]').waitFor({ state: 'attached' });
	return embed;
}

/** The host page of `embedIn`, returning its frame once loaded, whatever it loaded. */
export async function frameIn(page: Page, src: string, width: number): Promise<Frame> {
	const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A report</title></head>
<body style="margin: 0">
<h1>A report</h1>
<iframe id="lw" src="${src}" title="Leverwatch" style="border: 0; width: ${width}px; height: 500px"></iframe>
<script>
window.received = [];
const frame = document.getElementById('lw');
window.addEventListener('message', (event) => {
	if (event.source !== frame.contentWindow) return;
	window.received.push(event.data);
	if (event.data && event.data.type === 'leverwatch:height') {
		frame.style.height = event.data.height + 'px';
	}
});
</script>
</body>
</html>`;
	await page.route(`${HOST}/**`, (route) =>
		route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
	);
	await page.goto(`${HOST}/`);
	const frame = (await page.locator('#lw').elementHandle())!.contentFrame();
	return (await frame)!;
}

/** Messages of one type the host has received from its frame so far. */
export function receivedOfType(page: Page, type: string): Promise<Received[]> {
	return page.evaluate((type) => window.received.filter((m) => m.type === type), type);
}
