import { EMBED_VIEWS } from '$lib/export/snippet';
import type { EntryGenerator, PageLoad } from './$types';

// The site is static: each embed is prerendered, and reads its query string in the browser.
export const entries: EntryGenerator = () => EMBED_VIEWS.map((view) => ({ view }));

export const load: PageLoad = ({ params }) => ({ view: params.view });
