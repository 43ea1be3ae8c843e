// @ts-check
/**
 * The site's Content-Security-Policy, in one place. The build writes it into every page as a
 * `<meta>` tag (for hosts that cannot set headers) and into `build/_headers` (for hosts that
 * can, and for the server the tests use), where `frame-ancestors` also takes effect: a meta tag
 * cannot carry it.
 */

import { createHash } from 'node:crypto';

/** @typedef {'page' | 'embed'} PageKind */

/**
 * The style attribute of SvelteKit's route announcer (a visually hidden live region that reads
 * the page title after client-side navigation). It is the only style attribute the site writes;
 * harden.js checks that SvelteKit still writes exactly this, so an upgrade cannot drift.
 */
export const ANNOUNCER_STYLE =
	'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';

const announcerHash = `'sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}'`;

/** Directives every page gets. Why each one: README.md, "Content-Security-Policy". */
export const DIRECTIVES = {
	'default-src': ["'self'"],
	// Scripts only from our own files; wasm (DuckDB, parquet-wasm) may be compiled, JS never evaluated.
	'script-src': ["'self'", "'wasm-unsafe-eval'"],
	// Workers (DuckDB's, the Parquet reader's, the index's, the layout's) are files of ours, never
	// blob: URLs.
	'worker-src': ["'self'"],
	// Our own files, plus data a person loads by address (`?data=`), from any https site.
	'connect-src': ["'self'", 'https:'],
	// PNG export draws the SVG through a blob: URL; data: covers small inline images in exports.
	'img-src': ["'self'", 'blob:', 'data:'],
	// Stylesheets from our own files; Svelte and D3 set styles through the CSSOM, which CSP allows.
	'style-src': ["'self'"],
	// Style attributes in markup: only the route announcer's, by hash ('unsafe-hashes' is what
	// lets a hash apply to an attribute; it allows nothing else).
	'style-src-attr': ["'unsafe-hashes'", announcerHash],
	// The Embed dialog previews an embed of this same site.
	'frame-src': ["'self'"],
	'object-src': ["'none'"],
	'base-uri': ["'none'"],
	'form-action': ["'none'"]
};

/** Who may put a page in a frame: anyone for embeds, nobody for the rest. */
export const FRAME_ANCESTORS = { page: "'none'", embed: '*' };

/** @param {string} path a page's path in the site, e.g. `/embed/network` */
export function pageKind(path) {
	return path.startsWith('/embed/') ? 'embed' : 'page';
}

/** @param {Record<string, string[]>} directives */
function serialise(directives) {
	return Object.entries(directives)
		.map(([name, values]) => `${name} ${values.join(' ')}`)
		.join('; ');
}

/** The policy as a response header for a page of this kind. */
export function headerPolicy(/** @type {PageKind} */ kind) {
	return serialise({ ...DIRECTIVES, 'frame-ancestors': [FRAME_ANCESTORS[kind]] });
}

/** The policy as a meta tag can carry it: browsers ignore (and warn about) frame-ancestors there. */
export function metaPolicy() {
	return serialise(DIRECTIVES);
}
