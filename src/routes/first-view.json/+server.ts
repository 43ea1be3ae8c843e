import { json } from '@sveltejs/kit';
import actors from '../../../data/actors.csv?raw';
import events from '../../../data/events.csv?raw';
import relations from '../../../data/relations.csv?raw';
import { loadDataset } from '$lib/db/load';
import { shippedDataset } from '$lib/ingest/shipped';
import { startNodeDuckDB } from '$lib/server/node-duckdb';
import { DEFAULT_QUERY } from '$lib/state/url';
import { queryShown, type Shown } from '$lib/state/view-queries';
import { unpinnedLayout } from '$lib/views/network/layout';

// Written once at build time: the page paints this while DuckDB-wasm starts in the browser.
export const prerender = true;

/**
 * The shipped dataset's first view, as the browser's own queries would return it: the same
 * query code run on the same engine's Node build, over the same files. The network comes laid
 * out, as the page would lay it out: at start-up the layout took 200 ms of the first paint.
 */
export async function GET() {
	const db = await startNodeDuckDB();
	await loadDataset(db, shippedDataset({ events, actors, relations }).dataset);
	const shown = await queryShown(db, DEFAULT_QUERY);
	return json({ ...shown, placed: unpinnedLayout(shown.network) } satisfies Shown);
}
