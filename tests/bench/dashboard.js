// @ts-check
/**
 * The benchmark (npm run bench): serves build/ like a static host (with its headers, the
 * Content-Security-Policy included) and drives headless Chromium through the DESIGN.md
 * contracts, each run in a browser of its own. For the shipped dataset: cold `lw:ready` over
 * RUNS fresh browsers. For synthetic event sets imported by `?data=` (Parquet, BENCH_SIZES
 * rows, plus a CSV of BENCH_CSV_ROWS rows, ~500 MB): time to the first paint. For each:
 * `lw:update` per kind of filter change, network layout time, frame intervals while panning
 * the network, and memory. Writes
 * tests/bench/results.json and results.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import {
	brushFrames,
	indexBuilt,
	measureLayout,
	measureUpdates,
	panFrames,
	takeMeasures
} from './browser.js';
import { SYNTHETIC_MAP, syntheticParquet, writeSyntheticCsv } from './generate.js';
import { browserMemoryBytes, MARKER } from './memory.js';
import { markdownTable } from './report.js';

const RUNS = Number(process.env.RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000,3000000')
	.split(',')
	.filter(Boolean)
	.map(Number);
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 3_200_000);
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const origin = `http://127.0.0.1:${PORT}`;
const DATA_FOLDER = 'bench-data';
const WAIT = 15 * 60_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 1000 };

/** Filter changes on the shipped dataset, by kind. */
const SHIPPED_CHANGES = {
	time: [
		'from=2025-01-01&to=2025-06-30',
		'from=2025-02-01&to=2025-07-31',
		'from=2025-03-01&to=2025-08-31',
		'from=2025-04-01&to=2025-09-30',
		'from=2025-10-01&to=2025-12-31',
		'from=2018-01-01&to=2020-12-31'
	],
	actor: ['actors=nvidia', 'actors=china', 'actors=donald-trump,china', 'actors=cn-mofcom'],
	lever: ['levers=sanctions', 'levers=sanctions,export_controls', 'levers=chip_licences'],
	status: ['status=suspended', 'status=imposed,in_force', 'status=announced'],
	text: ['q=salt typhoon', 'q=h200', 'q=rare earth']
};

/** A brush sliding a year-long window across the synthetic decade, a month at a time. */
const brushSteps = Array.from({ length: 24 }, (_, i) => {
	const from = new Date(Date.UTC(2021, i, 1));
	const to = new Date(Date.UTC(2022, i, 0));
	return `from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`;
});

/** Filter changes on the synthetic sets, by kind; actors run from the busiest to the tail. */
const SYNTHETIC_CHANGES = {
	time: brushSteps,
	actor: [0, 1, 3, 10, 40, 150, 600, 1500, '0,5', '2,900']
		.map((a) =>
			String(a)
				.split(',')
				.map((n) => `actor-${n}`)
				.join(',')
		)
		.map((list) => `actors=${list}`),
	lever: [
		'levers=sanctions',
		'levers=tariffs',
		'levers=sanctions,export_controls',
		'levers=cyber,diplomacy,coordination',
		'levers=chip_licences'
	],
	status: ['status=imposed', 'status=suspended,lifted', 'status=in_force', 'status=proposed'],
	text: ['q=Event 12', 'q=Event 7']
};

/** A change that gives the network other actors, for timing their layout. */
const SHIPPED_LAYOUT = 'levers=export_controls';
const SYNTHETIC_LAYOUT = 'from=2019-01-01&to=2019-12-31';

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

/** @param {number[]} values */
const summary = (values) => ({
	n: values.length,
	p50: round(percentile(values, 50)),
	p95: round(percentile(values, 95)),
	max: round(Math.max(...values))
});
const round = (/** @type {number} */ x) => Math.round(x * 10) / 10;

function jsSizes() {
	const js = files('build').filter((path) => path.endsWith('.js'));
	const worker = js.filter((path) => path.includes('duckdb-browser'));
	const app = js.filter((path) => !worker.includes(path));
	/** @param {string[]} list */
	const gzip = (list) => list.reduce((sum, path) => sum + gzipSync(readFileSync(path)).length, 0);
	return { appGzipBytes: gzip(app), duckdbWorkerGzipBytes: gzip(worker) };
}

/** Writes the synthetic files into build/ before the server starts (it lists files once). */
async function writeDataFiles() {
	const folder = join('build', DATA_FOLDER);
	mkdirSync(folder, { recursive: true });
	for (const rows of SIZES) {
		writeFileSync(join(folder, `events-${rows}.parquet`), syntheticParquet(rows));
	}
	if (CSV_ROWS > 0) await writeSyntheticCsv(join(folder, `events-${CSV_ROWS}.csv`), CSV_ROWS);
	return () => rmSync(folder, { recursive: true, force: true });
}

/**
 * Layout (of the network `layoutQuery` gives), panning and memory of the page (as it is, then
 * after a collection of the page's garbage).
 * @param {import('@playwright/test').Page} page
 * @param {string} layoutQuery
 */
async function viewFigures(page, layoutQuery) {
	const index = await takeMeasures(page, 'lw:index');
	const layout = await measureLayout(page, layoutQuery);
	const frames = await panFrames(page);
	const cdp = await page.context().newCDPSession(page);
	const { metrics } = await cdp.send('Performance.getMetrics');
	const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
	const memory = browserMemoryBytes();
	await cdp.send('HeapProfiler.collectGarbage');
	await new Promise((resolve) => setTimeout(resolve, 1000));
	return {
		indexMs: index.length ? round(Math.max(...index)) : null,
		layoutMs: layout.layoutMs === null ? null : round(layout.layoutMs),
		layoutActors: layout.actors,
		layoutLinks: layout.links,
		layoutLongestTaskMs: round(layout.longestTaskMs),
		panFrameMs: summary(frames),
		pageHeapMB: round(heap / 1024 ** 2),
		browserMemoryMB: round(memory / 1024 ** 2),
		browserMemoryAfterGcMB: round(browserMemoryBytes() / 1024 ** 2)
	};
}

/**
 * @param {import('@playwright/test').Page} page
 */
async function readyTime(page) {
	await page.locator('html[data-state="ready"]').waitFor({ state: 'attached', timeout: WAIT });
	return page.evaluate(
		() => performance.getEntriesByName('lw:ready', 'measure')[0]?.duration ?? NaN
	);
}

/** @param {import('@playwright/test').Page} page */
async function shownEvents(page) {
	return Number(await page.getByTestId('counts').getAttribute('data-events'));
}

/**
 * Runs `run` in a browser with a profile of its own, made for it and removed after it, whatever
 * happens: a cold cache, kept on disk as a person's browser keeps it. (Playwright's `newContext`
 * profiles keep their cache in memory: the browser's process then held the whole imported file,
 * 97 MB at 3M events.)
 * @template T
 * @param {{ width: number, height: number } | undefined} viewport Playwright's default if absent
 * @param {(page: import('@playwright/test').Page) => Promise<T>} run
 * @returns {Promise<T>}
 */
async function inFreshBrowser(viewport, run) {
	const profile = mkdtempSync(join(tmpdir(), 'lw-bench-'));
	try {
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			args: [
				MARKER,
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run'
			],
			...(viewport ? { viewport } : {})
		});
		try {
			return await run(context.pages()[0] ?? (await context.newPage()));
		} finally {
			await context.close();
		}
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
}

/**
 * Imports a synthetic file by `?data=` in a fresh browser and measures what follows.
 * @param {string} file
 * @param {number} rows
 * @param {boolean} interact
 */
function importRun(file, rows, interact) {
	return inFreshBrowser(VIEWPORT, async (page) => {
		const map = file.endsWith('.csv') ? `${SYNTHETIC_MAP},summary:summary` : SYNTHETIC_MAP;
		await page.goto(
			`${origin}/?data=${encodeURIComponent(`/${DATA_FOLDER}/${file}`)}&map=${encodeURIComponent(map)}`
		);
		const importMs = await readyTime(page);
		const events = await shownEvents(page);
		if (events !== rows) {
			const notice = await page.getByTestId('notice').allInnerTexts();
			throw new Error(`${file}: imported ${events} of ${rows} rows. ${notice.join(' ')}`);
		}
		// With updates to measure or not, so that memory is the loaded page's, not a build's.
		await indexBuilt(page);
		return {
			dataset: file,
			rows,
			fileMB: round(statSync(join('build', DATA_FOLDER, file)).size / 1024 ** 2),
			importMs: round(importMs),
			...(interact
				? {
						...updateFigures(await measureUpdates(page, SYNTHETIC_CHANGES)),
						...brushFigures(await brushFrames(page))
					}
				: {}),
			...(await viewFigures(page, SYNTHETIC_LAYOUT))
		};
	});
}

/**
 * @template T, U
 * @param {Record<string, T>} record @param {(value: T) => U} f
 * @returns {Record<string, U>}
 */
const mapValues = (record, f) =>
	Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));

/**
 * A brush dragged by hand: frame intervals meanwhile, the moves made, the ranges set and those
 * shown, and the `lw:update` of those painted before the next was set.
 * @param {{ frames: number[], moves: number, ranges: number, shown: number, updates: number[] }} brush
 */
const brushFigures = (brush) => ({
	brushFrameMs: summary(brush.frames),
	brushMoves: brush.moves,
	brushRanges: brush.ranges,
	brushShown: brush.shown,
	brushUpdateMs: summary(brush.updates)
});

/** @param {Record<string, { update: number[], query: number[] }>} byKind */
const updateFigures = (byKind) => ({
	updates: mapValues(byKind, (d) => summary(d.update)),
	queries: mapValues(byKind, (d) => summary(d.query))
});

async function shippedRun() {
	/** @type {number[]} */
	const ready = [];
	for (let run = 0; run < RUNS; run++) {
		ready.push(
			await inFreshBrowser(undefined, async (page) => {
				await page.goto(origin);
				return readyTime(page);
			})
		);
	}
	const { updates, brush, figures } = await inFreshBrowser(VIEWPORT, async (page) => {
		await page.goto(origin);
		await readyTime(page);
		return {
			updates: updateFigures(await measureUpdates(page, SHIPPED_CHANGES)),
			brush: brushFigures(await brushFrames(page)),
			figures: await viewFigures(page, SHIPPED_LAYOUT)
		};
	});
	return {
		dataset: 'shipped',
		rows: shippedRows(),
		readyMs: ready.map(round),
		readyMedianMs: round(percentile(ready, 50)),
		...updates,
		...brush,
		...figures
	};
}

function shippedRows() {
	return readFileSync('data/events.csv', 'utf8').trim().split('\n').length - 1;
}

async function main() {
	if (!existsSync('build/index.html')) throw new Error('No build/: run `npm run build` first');
	const removeDataFiles = await writeDataFiles();
	// The site's own server script, run by this Node directly so that killing it stops the
	// server; it sends the headers a host would (build/_headers), the policy included.
	const server = spawn(process.execPath, ['tests/server/serve-build.js', '--port', String(PORT)], {
		stdio: 'ignore'
	});
	try {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const shipped = await shippedRun();
		const imports = [];
		for (const rows of SIZES) {
			imports.push(await importRun(`events-${rows}.parquet`, rows, true));
		}
		if (CSV_ROWS > 0) {
			imports.push(await importRun(`events-${CSV_ROWS}.csv`, CSV_ROWS, false));
		}
		const results = {
			date: new Date().toISOString(),
			machine: { cpus: cpus().length, memoryGB: round(totalmem() / 1024 ** 3) },
			chromium: execFileSync(CHROMIUM, ['--version'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			}).trim(),
			js: jsSizes(),
			shipped,
			imports
		};
		writeFileSync('tests/bench/results.json', `${JSON.stringify(results, null, '\t')}\n`);
		const table = markdownTable(results);
		writeFileSync('tests/bench/results.md', table);
		console.log(table);
	} finally {
		server.kill();
		removeDataFiles();
	}
}

await main();
