import { browser } from '$app/environment';
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { Activity, setActivity } from './activity';
import { DashboardData } from './dashboard-data.svelte';
import type { DataSource } from './data-source.svelte';
import { isSetStateMessage, queryFromMessage, replyOrigin } from './messages';
import { decodeQuery, sameQueries } from './url';
import { setViewState, ViewState } from './view-state.svelte';

export interface LinkOptions {
	/**
	 * Change the URL in place instead of adding history entries. Embeds set it inside a frame:
	 * a frame's history entries join the host page's, and the reader's Back button belongs to
	 * the report, not to every filter the embed has shown.
	 */
	replaceHistory?: boolean;
	/** Whether the page shows the events table; without it, its rows are never asked for. */
	table?: boolean;
}

/**
 * Wires a page's views to the URL and the database: the view state (shared by context), the
 * query coordinator re-running on every URL or dataset change, and the `leverwatch:set-state`
 * message handler. Call once during a page component's initialisation; the dashboard and every
 * embed use the same wiring, so they show the same thing for the same URL.
 */
export function linkViews(
	source: DataSource,
	{ replaceHistory = false, table = true }: LinkOptions = {}
) {
	// The URL is read only in the browser: pages are prerendered without a query string.
	const view = setViewState(
		new ViewState({
			read: () => (browser ? page.url.search : ''),
			write: (search, { replace }) =>
				// The same page with another query string; the path is already resolved.
				// eslint-disable-next-line svelte/no-navigation-without-resolve
				goto(`${page.url.pathname}${search ? `?${search}` : ''}`, {
					replaceState: replace || replaceHistory,
					keepFocus: true,
					noScroll: true
				})
		})
	);
	const data = new DashboardData(setActivity(new Activity()), { table });

	$effect(() => {
		if (source.phase !== 'ready') return;
		void data.attempt; // read so that a view's retry runs the queries again
		data.show(source.db, source.version, view.query, view.takeChangeStart());
	});

	// Only once counts are shown, and for the query they answer, so the zoom's request never
	// competes with a filter change's.
	$effect(() => {
		const shown = data.shown;
		if (source.phase !== 'ready' || !shown) return;
		void data.indexed; // read so that a zoom made before the index was built is answered
		const window = shown.timeline.kind === 'bins' ? view.timelineWindow : undefined;
		void data.showWindow(source.version, shown.query, window);
	});

	if (browser && source.firstView) {
		void source.firstView.then((first) => {
			if (first && source.phase !== 'ready' && sameQueries(first.query, view.query)) {
				data.showFirst({ ...first, query: view.query });
			}
		});
	}

	$effect(() => {
		if (data.error) source.fail(data.error);
	});

	/** For `<svelte:window onmessage>`: applies a host's view query and answers once painted. */
	function onMessage(event: MessageEvent) {
		if (!isSetStateMessage(event.data)) return;
		const current = page.url.search.replace(/^\?/, '');
		const search = queryFromMessage(event.data, current);
		const sender = event.source;
		const origin = replyOrigin(event.origin);
		data.answerAfterPaint(
			{ post: (message) => sender?.postMessage(message, { targetOrigin: origin }) },
			search !== current
		);
		if (search !== current) view.update(decodeQuery(search));
	}

	return { view, data, onMessage };
}
