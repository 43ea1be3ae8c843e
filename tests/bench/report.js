// @ts-check
/** The benchmark's results as a markdown table, for the README and issue notes. */

/** @typedef {{ n: number, p50: number, p95: number, max: number }} Summary */
/**
 * @typedef {{ dataset: string, rows: number, fileMB?: number, importMs?: number,
 *   readyMedianMs?: number, updates?: Record<string, Summary>, queries?: Record<string, Summary>,
 *   indexMs: number | null, layoutMs: number | null, layoutActors: number, layoutLinks: number,
 *   layoutLongestTaskMs: number,
 *   brushFrameMs?: Summary, brushMoves?: number, brushRanges?: number, brushShown?: number,
 *   brushUpdateMs?: Summary,
 *   panFrameMs: Summary, pageHeapMB: number, browserMemoryMB: number,
 *   browserMemoryAfterGcMB: number }} Run
 */

const KINDS = ['time', 'actor', 'lever', 'status', 'text'];

/** @param {Summary | undefined} s */
const pair = (s) => (s && s.n > 0 ? `${s.p50} / ${s.p95}` : '–');
/** @param {Summary | undefined} update @param {Summary | undefined} query */
const withQuery = (update, query) =>
	update && update.n > 0 ? `${pair(update)} (${query?.p95 ?? '–'})` : '–';
const seconds = (/** @type {number | undefined} */ ms) =>
	ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`;

/**
 * @param {{ date: string, machine: { cpus: number, memoryGB: number }, chromium: string,
 *   js: { appGzipBytes: number, duckdbWorkerGzipBytes: number }, shipped: Run, imports: Run[] }} results
 */
export function markdownTable(results) {
	const runs = [results.shipped, ...results.imports];
	const header = [
		'dataset',
		'rows',
		'ready / import',
		'index',
		...KINDS.map((kind) => `${kind} p50 / p95 (ms)`),
		'brush drag: frame p50 / p95 (ms), ranges shown',
		'layout ms (actors / links)',
		'longest task in layout (ms)',
		'pan frame p50 / p95 (ms)',
		'memory / after GC (MB)'
	];
	const rows = runs.map((run) => [
		run.fileMB === undefined ? run.dataset : `${run.dataset} (${run.fileMB} MB)`,
		run.rows.toLocaleString('en'),
		seconds(run.readyMedianMs ?? run.importMs),
		run.indexMs === null ? '–' : seconds(run.indexMs),
		...KINDS.map((kind) => withQuery(run.updates?.[kind], run.queries?.[kind])),
		run.brushFrameMs ? `${pair(run.brushFrameMs)}, ${run.brushShown} of ${run.brushRanges}` : '–',
		run.layoutMs === null
			? '–'
			: `${run.layoutMs} (${run.layoutActors.toLocaleString('en')} / ${run.layoutLinks.toLocaleString('en')})`,
		String(run.layoutLongestTaskMs),
		pair(run.panFrameMs),
		`${run.browserMemoryMB} / ${run.browserMemoryAfterGcMB}`
	]);
	const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
	const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} kB`;
	return [
		`Benchmark of ${results.date.slice(0, 10)}: ${results.chromium}, ${results.machine.cpus} cores.`,
		'',
		line(header),
		line(header.map(() => '---')),
		...rows.map(line),
		'',
		`Ready is the shipped dataset's cold \`lw:ready\` (median of runs); import is \`lw:ready\` after a \`?data=\` link. Index is \`lw:index\`, building the in-memory index after the first paint (the database answers until then). Updates are \`lw:update\` p50 / p95 per kind of filter change, with the p95 of \`lw:query\` (computing the views' data: the index's pass and any database query) in brackets. The brush drag is a hand's: the pointer presses on the middle of the timeline's axis and swings 30% of its width right and left of it over 2 s, each move made once the page has taken the last; it gives the intervals between animation frames meanwhile, and how many of the ranges the brush set (at most one a frame) the views were given before the pointer stopped, the others overtaken by a newer one. Layout is \`lw:layout\` for a new network (a lever for the shipped data, the year 2019 for the synthetic sets), with the actors and links it placed, and the longest main-thread task from that change's paint until the layout is drawn. Memory is the proportional set size of all the browser's processes, each run in a browser with a fresh profile of its own (its cache on disk): as read after the run, then after the page's JavaScript garbage is collected (V8 lets garbage build up to well over a hundred MB before it collects unprompted; the workers' is left).`,
		`JS shipped (gzip, without wasm): app ${kb(results.js.appGzipBytes)}, DuckDB worker ${kb(results.js.duckdbWorkerGzipBytes)}.`,
		''
	].join('\n');
}
