import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

export interface ZoomOptions {
	scaleExtent: [number, number];
	/** Zoom and pan along x only (the timeline); both axes otherwise (the network). */
	xOnly?: boolean;
	/**
	 * The viewport, for an element without a viewBox: d3 would read the element's size, which
	 * forces the browser to lay the page out in the middle of an update.
	 */
	extent?: () => [[number, number], [number, number]];
}

/**
 * d3-zoom as state: the behaviour listens to wheel, drag and touch on the element it is
 * attached to and only writes `transform`; Svelte draws from it. Buttons call zoomBy/reset.
 */
export class Zoom {
	transform = $state.raw<ZoomTransform>(zoomIdentity);
	readonly #behaviour: ZoomBehavior<Element, unknown>;
	#element: Element | undefined;
	/** What the view was last fitted to, and whether the person has moved it since. */
	#fittedTo: unknown;
	#held = false;

	constructor(options: ZoomOptions) {
		this.#behaviour = zoom<Element, unknown>().scaleExtent(options.scaleExtent);
		if (options.extent) this.#behaviour.extent(options.extent);
		this.#behaviour
			// Plain wheel scrolls the page; zooming asks for ctrl/⌘ or a pinch, as in maps.
			.filter((event: Event) => {
				if (event.type === 'wheel')
					return (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey;
				return !(event as MouseEvent).button;
			})
			.on('zoom', (event: { transform: ZoomTransform; sourceEvent: Event | null }) => {
				if (event.sourceEvent) this.#held = true;
				const t = event.transform;
				this.transform = options.xOnly ? zoomIdentity.translate(t.x, 0).scale(t.k) : t;
			});
	}

	readonly attach: Attachment<Element> = (element) => {
		this.#element = element;
		const selection = select(element);
		selection.call(this.#behaviour).on('dblclick.zoom', null);
		// Untracked: an attachment re-runs when what it reads changes, and the timeline's zoom
		// (x only) writes a new transform on every event, so reading it here would re-attach,
		// and re-emit, without end.
		selection.call(
			this.#behaviour.transform,
			untrack(() => this.transform)
		);
		return () => {
			selection.on('.zoom', null);
			this.#element = undefined;
		};
	};

	zoomBy(factor: number) {
		this.#held = true;
		if (this.#element) select(this.#element).call(this.#behaviour.scaleBy, factor);
	}

	reset(to: ZoomTransform = zoomIdentity) {
		this.#held = false;
		if (this.#element) select(this.#element).call(this.#behaviour.transform, to);
		else this.transform = to;
	}

	/**
	 * Fits the view with `to` when what is drawn (`subject`) is new, or for the same subject
	 * (a layout settling, re-laid around a pin) only if the person has not zoomed, panned or
	 * placed anything since: the picture must not jump away from under their hand.
	 */
	fit(to: ZoomTransform, subject: unknown) {
		if (subject === this.#fittedTo && this.#held) return;
		this.#fittedTo = subject;
		this.reset(to);
	}

	/** The person placed something by hand: later fits of the same subject keep the view. */
	hold() {
		this.#held = true;
	}
}
