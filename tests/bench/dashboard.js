// @ts-check
/**
 * Benchmark of the built site's cold start: serves build/ like a static host, opens the
 * dashboard in a fresh headless Chromium context (empty cache) N times and reports the
 * `lw:ready` measure, plus the size of the JavaScript shipped. Run: npm run bench
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const RUNS = Number(process.env.RUNS ?? 5);
const PORT = 4199;
const origin = `http://127.0.0.1:${PORT}`;

/** @param {string} dir @returns {string[]} */
function files(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : [path];
	});
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function jsSizes() {
	const js = files('build').filter((path) => path.endsWith('.js'));
	const worker = js.filter((path) => path.includes('duckdb-browser'));
	const app = js.filter((path) => !worker.includes(path));
	/** @param {string[]} list */
	const gzip = (list) => list.reduce((sum, path) => sum + gzipSync(readFileSync(path)).length, 0);
	return { app: gzip(app), worker: gzip(worker) };
}

async function main() {
	if (!existsSync('build/index.html')) throw new Error('No build/: run `npm run build` first');
	// sirv-cli's script run by this Node directly, so that killing it stops the server.
	const server = spawn(
		process.execPath,
		['node_modules/sirv-cli/bin.js', 'build', '--host', '127.0.0.1', '--port', String(PORT)],
		{ stdio: 'ignore' }
	);
	try {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
		});
		/** @type {number[]} */
		const ready = [];
		for (let run = 0; run < RUNS; run++) {
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(origin);
			await page
				.locator('html[data-state="ready"]')
				.waitFor({ state: 'attached', timeout: 120_000 });
			const duration = await page.evaluate(
				() => performance.getEntriesByName('lw:ready', 'measure')[0]?.duration ?? NaN
			);
			ready.push(duration);
			await context.close();
		}
		await browser.close();
		const sizes = jsSizes();
		console.log(`lw:ready, cold, ${RUNS} runs (ms): ${ready.map((d) => d.toFixed(0)).join(', ')}`);
		console.log(`lw:ready median: ${median(ready).toFixed(0)} ms`);
		console.log(
			`JS shipped (gzip, without wasm): app ${kb(sizes.app)}, DuckDB worker ${kb(sizes.worker)}`
		);
	} finally {
		server.kill();
	}
}

await main();
