/**
 * Runs `task` once the browser is idle, or after `timeout` ms at the latest, and returns a way to
 * cancel it. Safari has no `requestIdleCallback`: there a short timer stands in.
 */
export function whenIdle(task: () => void, timeout = 1000): () => void {
	if (typeof requestIdleCallback === 'function') {
		const handle = requestIdleCallback(task, { timeout });
		return () => cancelIdleCallback(handle);
	}
	const timer = setTimeout(task, 100);
	return () => clearTimeout(timer);
}
