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
		const observer = new ResizeObserver(() => {
			const height = Math.ceil(element.getBoundingClientRect().height);
			if (height === last) return;
			last = height;
			// A height tells nothing private, and the embed cannot know its host's origin.
			for (const message of heightMessages(id, height)) window.parent.postMessage(message, '*');
		});
		observer.observe(element);
		return () => observer.disconnect();
	};
}
