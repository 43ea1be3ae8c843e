// @ts-check
/**
 * Benchmark of the built site on the shipped dataset: serves build/ like a static host (with
 * its headers), opens the dashboard in fresh headless Chromium contexts (empty cache) and
 * reports the `lw:ready` measure; then applies 20 filter changes through
 * `leverwatch:set-state` and reports the `lw:update` measures; and the size of the JavaScript
 * shipped. Run: npm run bench
 */
import { spawn } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { SYNTHETIC_MAP, syntheticParquet } from './generate.js';

const RUNS = Number(process.env.RUNS ?? 5);
/** Sizes of the synthetic Parquet files imported by URL; BENCH_IMPORTS=100000 for a quick run. */
const IMPORT_SIZES = (process.env.BENCH_IMPORTS ?? '100000,1000000,3000000')
	.split(',')
	.filter(Boolean)
	.map(Number);
const PORT = 4199;
const origin = `http://127.0.0.1:${PORT}`;

/** @param {string} dir @returns {string[]} */
function files(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : [path];
	});
}

/** Nearest-rank percentile. @param {number[]} values @param {number} p */
const percentile = (values, p) =>
	[...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] ?? NaN;
const median = (/** @type {number[]} */ values) => percentile(values, 50);

/** Twenty filter changes of the kinds a person makes: levers, statuses, actors, dates, text. */
const CHANGES = [
	'levers=sanctions',
	'levers=sanctions,export_controls',
	'levers=chip_licences',
	'status=suspended',
	'status=imposed,in_force',
	'actors=nvidia',
	'actors=china',
	'actors=donald-trump,china',
	'from=2025-01-01&to=2025-06-30',
	'from=2025-10-01&to=2025-12-31',
	'q=salt typhoon',
	'q=h200',
	'levers=tariffs&from=2025-01-01',
	'actors=us-bis&levers=export_controls',
	'levers=cyber',
	'levers=critical_minerals&status=suspended',
	'from=2018-01-01&to=2020-12-31',
	'q=rare earth',
	'actors=cn-mofcom',
	''
];
const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function jsSizes() {
	const js = files('build').filter((path) => path.endsWith('.js'));
	const worker = js.filter((path) => path.includes('duckdb-browser'));
	const app = js.filter((path) => !worker.includes(path));
	/** @param {string[]} list */
	const gzip = (list) => list.reduce((sum, path) => sum + gzipSync(readFileSync(path)).length, 0);
	return { app: gzip(app), worker: gzip(worker) };
}

const IMPORT_FOLDER = 'bench-data';

/**
 * Imports each synthetic file through a `?data=` link (served from build/ like any file) and
 * reports the time from navigation to the first paint of the imported data: DuckDB's start,
 * the download, Parquet decoding, mapping, validation and the swap.
 * @param {import('@playwright/test').Browser} browser
 */
async function measureImports(browser) {
	/** @type {{ rows: number, bytes: number, ms: number, events: number }[]} */
	const results = [];
	for (const rows of IMPORT_SIZES) {
		const context = await browser.newContext();
		const page = await context.newPage();
		const url = `/${IMPORT_FOLDER}/events-${rows}.parquet`;
		await page.goto(
			`${origin}/?data=${encodeURIComponent(url)}&map=${encodeURIComponent(SYNTHETIC_MAP)}`
		);
		await page
			.locator('html[data-state="ready"]')
			.waitFor({ state: 'attached', timeout: 15 * 60_000 });
		const ms = await page.evaluate(
			() => performance.getEntriesByName('lw:ready', 'measure')[0]?.duration ?? NaN
		);
		const events = Number(await page.getByTestId('counts').getAttribute('data-events'));
		if (events !== rows) {
			const notice = await page.getByTestId('notice').allInnerTexts();
			throw new Error(`Imported ${events} of ${rows} rows. ${notice.join(' ')}`);
		}
		results.push({
			rows,
			bytes: statSync(join('build', IMPORT_FOLDER, `events-${rows}.parquet`)).size,
			ms,
			events
		});
		await context.close();
	}
	return results;
}

/** Writes the synthetic files into build/ before the server starts (it lists files once). */
function writeImports() {
	const folder = join('build', IMPORT_FOLDER);
	mkdirSync(folder, { recursive: true });
	for (const rows of IMPORT_SIZES) {
		writeFileSync(join(folder, `events-${rows}.parquet`), syntheticParquet(rows));
	}
	return () => rmSync(folder, { recursive: true, force: true });
}

/** @param {import('@playwright/test').Browser} browser */
async function measureUpdates(browser) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
	const page = await context.newPage();
	await page.goto(origin);
	await page.locator('html[data-state="ready"]').waitFor({ state: 'attached', timeout: 120_000 });
	for (const query of CHANGES) {
		await page.evaluate(
			(query) =>
				new Promise((resolve) => {
					const listener = (/** @type {MessageEvent} */ event) => {
						if (event.data?.type !== 'leverwatch:state') return;
						window.removeEventListener('message', listener);
						resolve(undefined);
					};
					window.addEventListener('message', listener);
					window.postMessage({ type: 'leverwatch:set-state', query }, '*');
				}),
			query
		);
	}
	const durations = await page.evaluate(() =>
		performance.getEntriesByName('lw:update', 'measure').map((m) => m.duration)
	);
	await context.close();
	return durations;
}

async function main() {
	if (!existsSync('build/index.html')) throw new Error('No build/: run `npm run build` first');
	const removeImports = writeImports();
	// The site's own server script, run by this Node directly so that killing it stops the
	// server; it sends the headers a host would (build/_headers), the policy included.
	const server = spawn(process.execPath, ['tests/server/serve-build.js', '--port', String(PORT)], {
		stdio: 'ignore'
	});
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
		const updates = await measureUpdates(browser);
		const imports = await measureImports(browser);
		await browser.close();
		const sizes = jsSizes();
		console.log(`lw:ready, cold, ${RUNS} runs (ms): ${ready.map((d) => d.toFixed(0)).join(', ')}`);
		console.log(`lw:ready median: ${median(ready).toFixed(0)} ms`);
		console.log(
			`lw:update over ${updates.length} filter changes: p50 ${percentile(updates, 50).toFixed(1)} ms, p95 ${percentile(updates, 95).toFixed(1)} ms, max ${Math.max(...updates).toFixed(1)} ms`
		);
		for (const run of imports) {
			console.log(
				`import by URL, ${run.rows.toLocaleString('en')} rows (${(run.bytes / 1024 ** 2).toFixed(1)} MB Parquet): ${(run.ms / 1000).toFixed(1)} s to the first paint, ${run.events.toLocaleString('en')} events loaded`
			);
		}
		console.log(
			`JS shipped (gzip, without wasm): app ${kb(sizes.app)}, DuckDB worker ${kb(sizes.worker)}`
		);
	} finally {
		server.kill();
		removeImports();
	}
}

await main();
