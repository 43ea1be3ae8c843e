/**
 * Faults that end-to-end tests provoke, to prove the page survives them. They exist only in a
 * browser under automation (`navigator.webdriver`, which WebDriver and Playwright set and a
 * person's browser does not), so the tests exercise the very build that is deployed. Nothing
 * here gives a page script more power than it has anyway: it can already break its own page.
 */
export type View = 'network' | 'timeline' | 'rows' | 'details';

export interface TestHooks {
	/** Stops the database worker and reports it the way the browser reports a crashed worker. */
	crashDatabase?: () => void;
	/**
	 * Makes one view fail: its query rejects (`query`), or it gets data its layout cannot draw
	 * (`render`); `undefined` heals it.
	 */
	breakView: (view: View, how: 'query' | 'render' | undefined) => void;
}

declare global {
	interface Window {
		__leverwatch?: TestHooks;
	}
}

/** Which views tests have broken, and how. Empty outside tests. */
export const brokenViews = new Map<View, 'query' | 'render'>();

/** The hooks object, or undefined for a person's browser. */
export function testHooks(): TestHooks | undefined {
	if (typeof navigator === 'undefined' || !navigator.webdriver) return undefined;
	window.__leverwatch ??= {
		breakView: (view, how) => (how ? brokenViews.set(view, how) : brokenViews.delete(view))
	};
	return window.__leverwatch;
}
