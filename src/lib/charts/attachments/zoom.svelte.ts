import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { Attachment } from 'svelte/attachments';

export interface ZoomOptions {
	scaleExtent: [number, number];
	/** Zoom and pan along x only (the timeline); both axes otherwise (the network). */
	xOnly?: boolean;
}

/**
 * d3-zoom as state: the behaviour listens to wheel, drag and touch on the element it is
 * attached to and only writes `transform`; Svelte draws from it. Buttons call zoomBy/reset.
 */
export class Zoom {
	transform = $state.raw<ZoomTransform>(zoomIdentity);
	readonly #behaviour: ZoomBehavior<Element, unknown>;
	#element: Element | undefined;

	constructor(options: ZoomOptions) {
		this.#behaviour = zoom<Element, unknown>()
			.scaleExtent(options.scaleExtent)
			// Plain wheel scrolls the page; zooming asks for ctrl/⌘ or a pinch, as in maps.
			.filter((event: Event) => {
				if (event.type === 'wheel')
					return (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey;
				return !(event as MouseEvent).button;
			})
			.on('zoom', (event: { transform: ZoomTransform }) => {
				const t = event.transform;
				this.transform = options.xOnly ? zoomIdentity.translate(t.x, 0).scale(t.k) : t;
			});
	}

	readonly attach: Attachment<Element> = (element) => {
		this.#element = element;
		const selection = select(element);
		selection.call(this.#behaviour).on('dblclick.zoom', null);
		selection.call(this.#behaviour.transform, this.transform);
		return () => {
			selection.on('.zoom', null);
			this.#element = undefined;
		};
	};

	zoomBy(factor: number) {
		if (this.#element) select(this.#element).call(this.#behaviour.scaleBy, factor);
	}

	reset(to: ZoomTransform = zoomIdentity) {
		if (this.#element) select(this.#element).call(this.#behaviour.transform, to);
		else this.transform = to;
	}
}
