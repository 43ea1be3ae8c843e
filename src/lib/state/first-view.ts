import { resolve } from '$app/paths';
import type { Shown } from './view-queries';

/**
 * The shipped dataset's first view, baked at build time (routes/first-view.json), so the page
 * paints before DuckDB-wasm has started. Undefined when it cannot be had: the page then waits
 * for the database as before.
 */
export async function fetchFirstView(): Promise<Shown | undefined> {
	try {
		const response = await fetch(resolve('/first-view.json'));
		// Written by our own build from our own query code: its shape is Shown by construction.
		return response.ok ? ((await response.json()) as Shown) : undefined;
	} catch {
		return undefined;
	}
}
