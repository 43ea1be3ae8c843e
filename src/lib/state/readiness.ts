/**
 * The readiness and timing contract (DESIGN.md): `<html data-state>` tells tests and
 * benchmarks where the page is, and `lw:ready` measures navigation start to first full paint.
 */
export type PageState = 'loading' | 'ready' | 'error';

/**
 * Whether the page has failed for good (the database could not start; the page asks for a
 * reload). Nothing marks it anything else after that: the baked first view, fetched alongside
 * the database, can finish painting after the failure.
 */
const failed = () => document.documentElement.dataset.state === 'error';

export function setPageState(state: PageState): void {
	if (failed()) return;
	document.documentElement.dataset.state = state;
}

/** Drawing spread over several frames (a large network's links), until it is whole. */
const drawing = new Set<Promise<void>>();

/**
 * Marks drawing that takes several frames, so that "painted" still means every view is drawn
 * whole: afterPaint waits for `whole` too.
 */
export function drawingUntil(whole: Promise<void>): void {
	drawing.add(whole);
	void whole.finally(() => drawing.delete(whole));
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Resolves after the browser has painted what is in the DOM now (the frame after next), and
 * whatever is being drawn over several frames is whole.
 */
export async function afterPaint(): Promise<void> {
	await nextFrame();
	await nextFrame();
	while (drawing.size > 0) {
		await Promise.all(drawing);
		await nextFrame();
	}
}

/** Records `lw:ready` once, from navigation start, and marks the page ready. */
export function markReady(): void {
	if (failed()) return;
	if (performance.getEntriesByName('lw:ready', 'measure').length === 0) {
		performance.measure('lw:ready');
	}
	setPageState('ready');
}
