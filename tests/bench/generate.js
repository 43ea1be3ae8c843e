// @ts-check
/**
 * Synthetic event sets for benchmarks, written as Parquet: actors drawn with a Zipf-like skew
 * (a few very busy actors, a long tail), dates denser in recent years, eight lever types and
 * a lever id for one event in ten. Deterministic: the same size always gives the same file.
 */
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { tableToIPC } from 'apache-arrow';
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

/**
 * @param {number} rows
 * @param {number} [actors]
 * @returns {Uint8Array} a Parquet file
 */
export function syntheticParquet(rows, actors = 2000) {
	const next = random(rows);
	const zipf = () => Math.min(actors - 1, Math.floor(actors ** next() - 1));
	const start = Date.UTC(2016, 0, 1);
	const span = Date.UTC(2026, 0, 1) - start;
	/** @type {{ [column in 'id' | 'date' | 'actor' | 'target' | 'lever' | 'lever_id' | 'status' | 'title']: (string | null)[] }} */
	const columns = {
		id: new Array(rows),
		date: new Array(rows),
		actor: new Array(rows),
		target: new Array(rows),
		lever: new Array(rows),
		lever_id: new Array(rows),
		status: new Array(rows),
		title: new Array(rows)
	};
	for (let i = 0; i < rows; i++) {
		// sqrt skews dates towards the end of the span.
		const day = new Date(start + Math.sqrt(next()) * span).toISOString().slice(0, 10);
		const lever = LEVERS[Math.floor(next() * LEVERS.length)] ?? LEVERS[0] ?? '';
		const actor = zipf();
		columns.id[i] = `e${i}`;
		columns.date[i] = day;
		columns.actor[i] = `actor-${actor}`;
		columns.target[i] = next() < 0.85 ? `actor-${(actor + 1 + zipf()) % actors}` : null;
		columns.lever[i] = lever;
		columns.lever_id[i] = next() < 0.1 ? `${lever}-${Math.floor(next() * 500)}` : null;
		columns.status[i] = STATUSES[Math.floor(next() * STATUSES.length)] ?? null;
		columns.title[i] = `Event ${i}`;
	}
	const arrow = new Table(
		Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, vectorFromArray(v, new Utf8())]))
	);
	const table = parquet.Table.fromIPCStream(tableToIPC(arrow, 'stream'));
	return parquet.writeParquet(table);
}

/** The mapping for these files, as a `map=` parameter. */
export const SYNTHETIC_MAP =
	'id:id,date:date,actors:actor,targets:target,lever:lever,lever_id:lever_id,status:status,title:title';
