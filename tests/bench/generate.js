// @ts-check
/**
 * Synthetic event sets for benchmarks, written as Parquet: actors drawn with a Zipf-like skew
 * (a few very busy actors, a long tail), dates denser in recent years, eight lever types and
 * a lever id for one event in ten. Deterministic: the same size always gives the same file.
 */
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { tableToIPC } from 'apache-arrow';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as parquet from 'parquet-wasm/node';

const LEVERS = [
	'sanctions',
	'export_controls',
	'chip_licences',
	'tariffs',
	'critical_minerals',
	'cyber',
	'diplomacy',
	'coordination'
];
const STATUSES = [
	'proposed',
	'announced',
	'imposed',
	'in_force',
	'suspended',
	'lifted',
	'reported'
];

/**
 * A small seeded generator (mulberry32), so runs are repeatable.
 * @param {number} seed
 */
function random(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** @typedef {{ id: string, date: string, actor: string, target: string | null, lever: string, lever_id: string | null, status: string | null, title: string, summary: string }} SyntheticEvent */

const WORDS = ['export', 'licence', 'review', 'ministry', 'chips', 'entity', 'list', 'tariff'];

/**
 * The events of a synthetic set, one at a time, so a large file never sits in memory whole.
 * @param {number} rows
 * @param {number} actors
 * @returns {Generator<SyntheticEvent>}
 */
function* syntheticEvents(rows, actors) {
	const next = random(rows);
	const zipf = () => Math.min(actors - 1, Math.floor(actors ** next() - 1));
	const start = Date.UTC(2016, 0, 1);
	const span = Date.UTC(2026, 0, 1) - start;
	for (let i = 0; i < rows; i++) {
		// sqrt skews dates towards the end of the span.
		const date = new Date(start + Math.sqrt(next()) * span).toISOString().slice(0, 10);
		const lever = LEVERS[Math.floor(next() * LEVERS.length)] ?? LEVERS[0] ?? '';
		const actor = zipf();
		const words = Array.from({ length: 12 }, () => WORDS[Math.floor(next() * WORDS.length)]);
		yield {
			id: `e${i}`,
			date,
			actor: `actor-${actor}`,
			target: next() < 0.85 ? `actor-${(actor + 1 + zipf()) % actors}` : null,
			lever,
			lever_id: next() < 0.1 ? `${lever}-${Math.floor(next() * 500)}` : null,
			status: STATUSES[Math.floor(next() * STATUSES.length)] ?? null,
			title: `Event ${i}`,
			summary: words.join(' ')
		};
	}
}

/**
 * @param {number} rows
 * @param {number} [actors]
 * @returns {Uint8Array} a Parquet file
 */
export function syntheticParquet(rows, actors = 2000) {
	/** @type {Record<Exclude<keyof SyntheticEvent, 'summary'>, (string | null)[]>} */
	const columns = {
		id: [],
		date: [],
		actor: [],
		target: [],
		lever: [],
		lever_id: [],
		status: [],
		title: []
	};
	for (const event of syntheticEvents(rows, actors)) {
		for (const key of /** @type {(keyof typeof columns)[]} */ (Object.keys(columns))) {
			columns[key].push(event[key]);
		}
	}
	const arrow = new Table(
		Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, vectorFromArray(v, new Utf8())]))
	);
	const table = parquet.Table.fromIPCStream(tableToIPC(arrow, 'stream'));
	return parquet.writeParquet(table);
}

/**
 * Writes a synthetic set as CSV, with a summary column for realistic row widths, streaming to
 * `path`. Values hold no commas or quotes, so none needs quoting.
 * @param {string} path
 * @param {number} rows
 * @param {number} [actors]
 */
export async function writeSyntheticCsv(path, rows, actors = 2000) {
	const out = createWriteStream(path);
	out.write('id,date,actor,target,lever,lever_id,status,title,summary\n');
	let chunk = '';
	for (const e of syntheticEvents(rows, actors)) {
		chunk += `${e.id},${e.date},${e.actor},${e.target ?? ''},${e.lever},${e.lever_id ?? ''},${e.status ?? ''},${e.title},${e.summary}\n`;
		if (chunk.length > 1 << 20) {
			if (!out.write(chunk)) await once(out, 'drain');
			chunk = '';
		}
	}
	out.end(chunk);
	await once(out, 'finish');
}

/** The mapping for these files, as a `map=` parameter. */
export const SYNTHETIC_MAP =
	'id:id,date:date,actors:actor,targets:target,lever:lever,lever_id:lever_id,status:status,title:title';
