import type { Attachment } from 'svelte/attachments';

const reporters = new Map<Element, (width: number) => void>();
let observer: ResizeObserver | undefined;

/**
 * Reports the element's width (its `clientWidth`) whenever it changes, first once the browser
 * has laid it out. Unlike `bind:clientWidth`, it never reads the width as it mounts, which
 * makes the browser lay the whole page out in the middle of the first render, and again once
 * the chart that needs the width is in. One observer serves every element, so that charts
 * measured in the same frame are drawn in one update.
 */
export function observeWidth(report: (width: number) => void): Attachment<HTMLElement> {
	return (element) => {
		// Called after layout, so reading the widths here costs no extra layout.
		observer ??= new ResizeObserver((entries) => {
			for (const { target } of entries) reporters.get(target)?.(target.clientWidth);
		});
		reporters.set(element, report);
		observer.observe(element, { box: 'border-box' });
		return () => {
			observer?.unobserve(element);
			reporters.delete(element);
		};
	};
}
