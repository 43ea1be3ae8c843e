import { isEmbedView, type EmbedView } from '$lib/export/snippet';

/** `/embed/[view=view]` matches only the views that can be embedded. */
export function match(param: string): param is EmbedView {
	return isEmbedView(param);
}
