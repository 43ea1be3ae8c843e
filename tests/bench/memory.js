// @ts-check
/**
 * Memory of a benchmarked browser: the proportional set size (shared pages split between the
 * processes sharing them) of its main process and every process under it (renderers, GPU;
 * DuckDB's worker lives in the renderer), read from Linux's /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** A switch Chromium ignores, so the benchmark can find its own browser among others. */
export const MARKER = `--lw-bench-run=${process.pid}`;

/** @param {string} pid @param {string} file */
function read(pid, file) {
	try {
		return readFileSync(`/proc/${pid}/${file}`, 'utf8');
	} catch {
		return '';
	}
}

/** Memory in bytes of the browser launched with MARKER and its descendants. */
export function browserMemoryBytes() {
	const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	/** @type {Map<string, string[]>} */
	const children = new Map();
	for (const pid of pids) {
		const parent = read(pid, 'stat').split(') ')[1]?.split(' ')[1];
		if (parent) children.set(parent, [...(children.get(parent) ?? []), pid]);
	}
	const roots = pids.filter((pid) => read(pid, 'cmdline').split('\0').includes(MARKER));
	let bytes = 0;
	const queue = [...roots];
	while (queue.length > 0) {
		const pid = /** @type {string} */ (queue.pop());
		const pss = /^Pss:\s+(\d+) kB/m.exec(read(pid, 'smaps_rollup'))?.[1];
		bytes += Number(pss ?? 0) * 1024;
		queue.push(...(children.get(pid) ?? []));
	}
	return bytes;
}
