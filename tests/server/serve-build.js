// @ts-check
/**
 * Serves the built site (build/) as a static host would, with the response headers the build
 * wrote into build/_headers (the Netlify / Cloudflare Pages format), so that the end-to-end
 * tests and the benchmark run under the site's real Content-Security-Policy, frame-ancestors
 * included, with the sirv library (its command-line tool cannot set headers per path).
 *
 * Run: node tests/server/serve-build.js [--port 4173] [--host 127.0.0.1]
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const ROOT = 'build';

/**
 * Rules of a `_headers` file: a line that starts in column one is a path (`*` at its end matches
 * any rest), indented `Name: value` lines below it are the headers for that path.
 * @param {string} text
 */
export function parseHeaders(text) {
	/** @type {{ path: string; headers: [string, string][] }[]} */
	const rules = [];
	for (const line of text.split('\n')) {
		if (!line.trim() || line.trimStart().startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			rules.push({ path: line.trim(), headers: [] });
			continue;
		}
		const rule = rules.at(-1);
		const colon = line.indexOf(':');
		if (!rule || colon < 0) throw new Error(`_headers: cannot read "${line.trim()}"`);
		rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
	}
	return rules;
}

/** @param {string} pattern @param {string} pathname */
function matches(pattern, pathname) {
	return pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pattern === pathname;
}

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '4173' },
		host: { type: 'string', default: '127.0.0.1' }
	}
});
const rules = parseHeaders(readFileSync(`${ROOT}/_headers`, 'utf8'));
const files = sirv(ROOT, { extensions: ['html'], etag: true });

createServer((request, response) => {
	const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
	for (const rule of rules) {
		if (!matches(rule.path, pathname)) continue;
		for (const [name, value] of rule.headers) response.setHeader(name, value);
	}
	files(request, response, () => {
		response.statusCode = 404;
		response.end('Not found');
	});
}).listen(Number(values.port), values.host, () => {
	console.log(`Serving ${ROOT}/ at http://${values.host}:${values.port}`);
});
