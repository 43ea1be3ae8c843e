import { getContext, setContext } from 'svelte';
import type { Filter } from './filter';
import type { TimelineWindow } from './view-queries';
import { decodeQuery, encodeQuery, type ViewQuery } from './url';

/** Reads the current query string and navigates to another one. */
export interface UrlPort {
	read(): string;
	write(search: string, options: { replace: boolean }): Promise<void>;
}

/**
 * What the person is looking at. The URL is the source of truth for everything shareable
 * (filters, selection, view options); hovering and the focused actor are passing states that
 * only link the views.
 */
export class ViewState {
	hoveredEvent = $state<string>();
	hoveredActor = $state<string>();
	/** The actor whose neighbourhood the network highlights after a click. */
	focusedActor = $state<string>();
	/** The period the timeline is zoomed in to, once the zoom has settled; undefined for all time. */
	timelineWindow = $state.raw<TimelineWindow>();
	readonly query: ViewQuery;
	readonly #url: UrlPort;
	#changeStartedAt: number | undefined;

	constructor(url: UrlPort) {
		this.#url = url;
		this.query = $derived(decodeQuery(url.read()));
	}

	/**
	 * Applies a change as a new history entry (or in place, for steps of a drag or of typing),
	 * timing it from now for `lw:update`.
	 */
	update(next: ViewQuery, { replace = false } = {}): Promise<void> {
		const current = this.#url.read().replace(/^\?/, '');
		const search = encodeQuery(next, current);
		if (search === current) return Promise.resolve();
		this.#changeStartedAt = performance.now();
		return this.#url.write(search, { replace });
	}

	setFilter(patch: Partial<Filter>, options?: { replace?: boolean }): Promise<void> {
		return this.update({ ...this.query, filter: { ...this.query.filter, ...patch } }, options);
	}

	select(eventId: string | undefined): Promise<void> {
		return this.update({ ...this.query, sel: eventId });
	}

	/** When the change being painted began; back/forward and typed URLs start when seen. */
	takeChangeStart(): number | undefined {
		const start = this.#changeStartedAt;
		this.#changeStartedAt = undefined;
		return start;
	}
}

const KEY = Symbol('view-state');

export function setViewState(view: ViewState): ViewState {
	return setContext(KEY, view);
}

export function getViewState(): ViewState {
	const view = getContext<ViewState | undefined>(KEY);
	if (!view) throw new Error('getViewState() needs a ViewState set by the page');
	return view;
}
