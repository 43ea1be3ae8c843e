import type { Attachment } from 'svelte/attachments';
import { heightMessages } from './messages';

/**
 * Posts the element's height to the parent frame whenever it changes, so the host page can size
 * the iframe to the embed (DESIGN.md, "Messages"). Does nothing outside a frame.
 */
export function reportHeight(id: string): Attachment<HTMLElement> {
	return (element) => {
		if (window.parent === window) return;
		let last = -1;
		let frame: number | undefined;
		function post() {
			frame = undefined;
			const height = Math.ceil(element.getBoundingClientRect().height);
			if (height === last) return;
			last = height;
			// A height tells nothing private, and the embed cannot know its host's origin.
			for (const message of heightMessages(id, height)) window.parent.postMessage(message, '*');
		}
		// Read a frame later: the charts are drawn in the same frame as their frames are first
		// measured (charts/attachments/width.ts), which would otherwise post a height without them
		// first, and the host would size the iframe twice.
		const observer = new ResizeObserver(() => {
			frame ??= requestAnimationFrame(post);
		});
		observer.observe(element);
		return () => {
			observer.disconnect();
			if (frame !== undefined) cancelAnimationFrame(frame);
		};
	};
}
