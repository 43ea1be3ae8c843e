/**
 * The readiness and timing contract (DESIGN.md): `<html data-state>` tells tests and
 * benchmarks where the page is, and `lw:ready` measures navigation start to first full paint.
 */
export type PageState = 'loading' | 'ready' | 'error';

export function setPageState(state: PageState): void {
	document.documentElement.dataset.state = state;
}

/** Resolves after the browser has painted what is in the DOM now (the frame after next). */
export function afterPaint(): Promise<void> {
	return new Promise((resolve) =>
		requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
	);
}

/** Records `lw:ready` once, from navigation start, and marks the page ready. */
export function markReady(): void {
	if (performance.getEntriesByName('lw:ready', 'measure').length === 0) {
		performance.measure('lw:ready');
	}
	setPageState('ready');
}
