import type { Counts } from '$lib/db/queries/counts';
import type { NetworkLimits, NetworkRows } from '$lib/db/queries/network';
import type { EventIndex } from './event-index';
import type { RangeTotals } from './range-totals';

/** What the selected events give the views: the counts, the network, in-range bins. */
export interface Summary {
	counts: Counts;
	network: NetworkRows;
	/** Per lane, in-range events per bin (when the totals were split). */
	inRange: Int32Array[];
}

/**
 * Counts and network of the totalled events, as counts.ts and network.ts compute them in SQL:
 * the count of links is of actor → target pairs, whatever the lever; the network has actors
 * busiest first (ties by code, which is id order), at most `limits.actors`, and links per lever
 * among them, strongest first, at most `limits.links`.
 */
export function summarise(index: EventIndex, totals: RangeTotals, limits: NetworkLimits): Summary {
	const { events, asActor, asTarget, linkEvents } = totals;
	const actorCount = events.length;
	const present = new Int32Array(actorCount);
	let found = 0;
	for (let a = 0; a < actorCount; a++) if (events[a]! > 0) present[found++] = a;
	const top = Array.from(strongest(present.subarray(0, found), events, limits.actors)).sort(
		(a, b) => events[b]! - events[a]! || a - b
	);
	const drawn = new Uint8Array(actorCount);
	for (const a of top) drawn[a] = 1;
	const { actors } = index;
	const nodes = top.map((a) => ({
		id: actors.id[a]!,
		name: actors.name[a]!,
		kind: actors.kind[a]!,
		country: actors.country[a]!,
		events: events[a]!,
		as_actor: asActor[a]!,
		as_target: asTarget[a]!
	}));
	// Link ids follow (actor, target, lever) order (event-index.ts): ties go to the lower id, and
	// a pair's links are a run of ids, so the pairs linked are counted in the same pass.
	const { linkSource, linkTarget, linkLever } = index;
	// Up to every link (a million at three million events): gathered in the totals' scratch
	// array rather than a list grown one by one.
	const scratch = totals.linkScratch;
	// A link counted has events, so its actors have too: with every such actor drawn, it is.
	const everyActor = top.length === found;
	let count = 0;
	let edges = 0;
	let lastSource = -1;
	let lastTarget = -1;
	for (let id = 0; id < linkEvents.length; id++) {
		if (linkEvents[id]! === 0) continue;
		const source = linkSource[id]!;
		const target = linkTarget[id]!;
		if (source !== lastSource || target !== lastTarget) {
			edges += 1;
			lastSource = source;
			lastTarget = target;
		}
		if (everyActor || (drawn[source] && drawn[target])) scratch[count++] = id;
	}
	// The strongest are exactly the ones drawn, listed in id order: a typed array's own sort.
	const chosen = strongest(scratch.subarray(0, count), linkEvents, limits.links).sort();
	const links: NetworkRows['edges'] = [];
	for (let k = 0; k < chosen.length; k++) {
		const link = chosen[k]!;
		links.push({
			source: actors.id[linkSource[link]!]!,
			target: actors.id[linkTarget[link]!]!,
			lever: index.levers[linkLever[link]!] ?? null,
			events: linkEvents[link]!
		});
	}
	const relations = [];
	const { source, target, kind } = index.relations;
	for (let r = 0; r < source.length; r++) {
		if (drawn[source[r]!] && drawn[target[r]!]) {
			relations.push({
				source: actors.id[source[r]!]!,
				target: actors.id[target[r]!]!,
				kind: kind[r]!
			});
		}
	}
	return {
		counts: { events: totals.shown, actors: totals.actors, edges },
		network: { nodes, edges: links, relations },
		// Copies: the totals move on with the next brush step, the views keep what they show.
		inRange: totals.inRange.map((lane) => lane.slice())
	};
}

/**
 * The `count` codes (actors or links) with the most events, ties at the cut going to the lower
 * code, unordered: a histogram of counts finds the cut in one pass, so only those few thousand
 * are then sorted, not the hundreds of thousands of links a brush at millions of events touches.
 * `codes` ascend, and may be reordered.
 */
function strongest(codes: Int32Array, events: Int32Array, count: number): Int32Array {
	const length = codes.length;
	if (length <= count) return codes;
	// Indexed loops: at a brush step's few hundred thousand links, iterating the typed array
	// cost twice as much.
	let most = 0;
	for (let k = 0; k < length; k++) most = Math.max(most, events[codes[k]!]!);
	// A histogram longer than the list (a few busy actors) would cost more than sorting it.
	if (most > length) {
		return codes.sort((a, b) => events[b]! - events[a]! || a - b).subarray(0, count);
	}
	const histogram = new Int32Array(most + 1);
	for (let k = 0; k < length; k++) histogram[events[codes[k]!]!]! += 1;
	let cut = most;
	let above = 0;
	while (above + histogram[cut]! < count) above += histogram[cut--]!;
	// Stronger codes first, then the lowest of those tied at the cut: codes ascend, so a pass
	// in order meets the tied ones lowest first.
	const chosen = new Int32Array(count);
	let stronger = 0;
	let tied = above;
	for (let k = 0; k < length; k++) {
		const code = codes[k]!;
		const n = events[code]!;
		if (n > cut) chosen[stronger++] = code;
		else if (n === cut && tied < count) chosen[tied++] = code;
	}
	return chosen;
}
