import type { Attachment } from 'svelte/attachments';

/**
 * Reports whether the element is on screen or within `margin` of it (a CSS margin, as
 * IntersectionObserver's `rootMargin`), at once and whenever that changes.
 */
export function inView(report: (inView: boolean) => void, margin: string): Attachment<Element> {
	return (element) => {
		const observer = new IntersectionObserver((entries) => report(entries.at(-1)!.isIntersecting), {
			rootMargin: margin
		});
		observer.observe(element);
		return () => {
			observer.disconnect();
			report(true);
		};
	};
}
