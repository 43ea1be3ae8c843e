// @ts-check
/**
 * A build step after the static adapter: puts the site's Content-Security-Policy in force.
 * SvelteKit starts each prerendered page with an inline `<script>`; the policy allows no inline
 * script (not even by hash), so each one moves to a file of its own under `_app/immutable/boot/`.
 * Then every page gets the policy as a meta tag, and `_headers` gets it per page as a header
 * (the format Netlify and Cloudflare Pages read; tests/server/serve-build.js reads it too).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { ANNOUNCER_STYLE, headerPolicy, metaPolicy, pageKind } from './csp.js';

const BOOT_DIR = '_app/immutable/boot';
/** SvelteKit writes its start-up script with no attributes. */
const BOOT_SCRIPT = /<script>([\s\S]*?)<\/script>/g;
const RELATIVE_IMPORT = /import\((["'])(\.\.?\/[^"']+)\1\)/g;
const CHARSET = '<meta charset="utf-8" />';

/** @param {string} root @param {string} [dir] @returns {string[]} paths relative to root, with `/` */
function htmlFiles(root, dir = '') {
	return readdirSync(join(root, dir)).flatMap((name) => {
		const path = dir ? `${dir}/${name}` : name;
		if (statSync(join(root, path)).isDirectory()) return htmlFiles(root, path);
		return name.endsWith('.html') ? [path] : [];
	});
}

/** @param {string} from a directory inside the site @param {string} to a file inside the site */
function relativeUrl(from, to) {
	const path = posix.relative(from, to);
	return path.startsWith('.') ? path : `./${path}`;
}

/**
 * Moves a page's start-up script to a file. Its `import()`s were relative to the page; from a
 * script file they resolve against the file, so they are rewritten to point at the same modules.
 * @param {string} root @param {string} file the page, relative to root
 * @param {string} html
 */
function externaliseBoot(root, file, html) {
	const pageDir = posix.dirname(file);
	return html.replace(BOOT_SCRIPT, (_, /** @type {string} */ code) => {
		const rewritten = code.replace(RELATIVE_IMPORT, (_, quote, specifier) => {
			const target = posix.join(pageDir, specifier);
			return `import(${quote}${relativeUrl(BOOT_DIR, target)}${quote})`;
		});
		if (/["']\.\.?\//.test(rewritten.replace(RELATIVE_IMPORT, ''))) {
			throw new Error(`${file}: the start-up script holds a relative URL this step cannot move`);
		}
		const name = `${createHash('sha256').update(rewritten).digest('hex').slice(0, 12)}.js`;
		mkdirSync(join(root, BOOT_DIR), { recursive: true });
		writeFileSync(join(root, BOOT_DIR, name), rewritten);
		// A classic script that is neither async nor deferred runs where it stands, so SvelteKit's
		// `document.currentScript.parentElement` still finds the element to hydrate.
		return `<script src="${relativeUrl(pageDir, `${BOOT_DIR}/${name}`)}"></script>`;
	});
}

/** The addresses a host serves a page at: `embed/network.html` is also `/embed/network`. */
function addresses(/** @type {string} */ file) {
	if (file === 'index.html') return ['/', '/index.html'];
	if (file.endsWith('/index.html')) return [`/${file.slice(0, -'index.html'.length)}`, `/${file}`];
	return [`/${file.slice(0, -'.html'.length)}`, `/${file}`];
}

/**
 * Hardens the built site in `root` in place. Rules in `_headers` never overlap: hosts join
 * the values of overlapping rules, and two policies would both be enforced.
 * @param {string} root
 */
export function harden(root) {
	const kitRoot = readFileSync('.svelte-kit/generated/root.svelte', 'utf8');
	if (!kitRoot.includes(`style="${ANNOUNCER_STYLE}"`)) {
		throw new Error('SvelteKit styles its route announcer differently now: update ANNOUNCER_STYLE');
	}
	/** @type {string[]} */
	const rules = [];
	for (const file of htmlFiles(root).sort()) {
		let html = externaliseBoot(root, file, readFileSync(join(root, file), 'utf8'));
		if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) {
			throw new Error(`${file} still has an inline script, which the site's policy forbids`);
		}
		if (!html.includes(CHARSET)) throw new Error(`${file} has no ${CHARSET} to put the policy after`);
		html = html.replace(
			CHARSET,
			`${CHARSET}\n\t\t<meta http-equiv="content-security-policy" content="${metaPolicy()}" />`
		);
		writeFileSync(join(root, file), html);
		for (const address of addresses(file)) {
			rules.push(`${address}\n  Content-Security-Policy: ${headerPolicy(pageKind(address))}\n`);
		}
	}
	writeFileSync(join(root, '_headers'), rules.join(''));
}

/**
 * Wraps an adapter that writes the static site to `root`, hardening what it wrote.
 * @param {import('@sveltejs/kit').Adapter} adapter
 * @param {string} root
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function hardened(adapter, root) {
	return {
		...adapter,
		async adapt(builder) {
			await adapter.adapt(builder);
			harden(root);
			builder.log.minor(`Content-Security-Policy written into the pages and ${root}/_headers`);
		}
	};
}
