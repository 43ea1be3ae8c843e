import { escapeMarkup } from './escape';

/** The views an iframe can embed: `/embed/network`, `/embed/timeline`, `/embed/board`. */
export const EMBED_VIEWS = ['network', 'timeline', 'board'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

export function isEmbedView(value: string): value is EmbedView {
	return (EMBED_VIEWS as readonly string[]).includes(value);
}

/** What each embed is called, for the iframe's title and the page's. */
export const EMBED_TITLES: Record<EmbedView, string> = {
	network: 'Leverwatch: who acted on whom',
	timeline: 'Leverwatch: when levers were pulled',
	board: 'Leverwatch: who pulled which lever, on whom, and when'
};

export const MIN_EMBED_HEIGHT = 200;
export const MAX_EMBED_HEIGHT = 4000;

const withoutLeadingMark = (search: string) => search.replace(/^\?/, '');

/** A query string without its `id` parameter, which names an embed and means nothing elsewhere. */
export function withoutFrameId(search: string): string {
	return withoutLeadingMark(search)
		.split('&')
		.filter((part) => part !== '' && part.split('=')[0] !== 'id')
		.join('&');
}

/** An embed's query string: the view's own, and the frame id when one is given. */
export function embedSearch(search: string, id?: string): string {
	const rest = withoutFrameId(search);
	const named = id ? `id=${encodeURIComponent(id)}` : '';
	return [rest, named].filter(Boolean).join('&');
}

export interface SnippetOptions {
	/** Absolute URL of the embed. */
	src: string;
	title: string;
	height: number;
}

/**
 * The HTML a report pastes to embed a view. No script: a host under a strict policy can use it
 * as is, and a host listening for height messages resizes the frame itself.
 */
export function embedSnippet({ src, title, height }: SnippetOptions): string {
	const rounded = Math.round(
		Math.min(MAX_EMBED_HEIGHT, Math.max(MIN_EMBED_HEIGHT, Number.isFinite(height) ? height : 0))
	);
	return (
		`<iframe src="${escapeMarkup(src)}" title="${escapeMarkup(title)}" ` +
		`width="100%" height="${rounded}" style="border: 0; max-width: 100%" loading="lazy"></iframe>`
	);
}
