import type { Counts } from '$lib/db/queries/counts';
import type { NetworkLimits, NetworkRows } from '$lib/db/queries/network';
import type { EventIndex } from './event-index';
import { passer, rangePositions, visiting, type Selection } from './selection';

/** How the timeline's bins split events: which lane each lever or actor code counts in. */
export interface LaneSplit {
	by: 'lever' | 'actor';
	/** Lane per lever code (by lever) or per actor code (by actor), -1 for none. */
	laneOf: Int32Array;
	lanes: number;
	/** Day number of bin 0's first day, and days per bin. */
	origin: number;
	days: number;
	bins: number;
}

/** What one pass over the selected events gives: the counts, the network, in-range bins. */
export interface Summary {
	counts: Counts;
	network: NetworkRows;
	/** Per lane, in-range events per bin (when a split was given). */
	inRange: Int32Array[];
}

/**
 * Counts and network of the selected events, as counts.ts and network.ts compute them in SQL:
 * actors busiest first (ties by code, which is id order), at most `limits.actors`; links among
 * them, strongest first, at most `limits.links`. One pass over the time range's positions.
 */
export function summarise(
	index: EventIndex,
	selection: Selection,
	limits: NetworkLimits,
	split?: LaneSplit
): Summary {
	const actorCount = index.actors.id.length;
	const events = new Int32Array(actorCount);
	const asActor = new Int32Array(actorCount);
	const asTarget = new Int32Array(actorCount);
	const scratchCounts = counters(index);
	const { linkEvents, pairSeen } = scratchCounts;
	const touchedActors: number[] = [];
	const touchedLinks: number[] = [];
	const binsInRange = split
		? Array.from({ length: split.lanes }, () => new Int32Array(split.bins))
		: [];
	let shown = 0;
	let edges = 0;
	const { start, lever, taking, actor, role, linking, link, linkPair } = index;
	const passes = passer(index, selection);
	const laneOf = split?.laneOf;
	const byLever = split?.by === 'lever';
	const byActor = split?.by === 'actor';
	const origin = split?.origin ?? 0;
	const days = split?.days ?? 1;
	const [first, last] = rangePositions(index, selection);
	const { list, from: offset, count } = visiting(selection, first, last);
	for (let k = 0; k < count; k++) {
		const i = list ? list[offset + k]! : offset + k;
		if (!passes(i)) continue;
		shown += 1;
		const bin = Math.floor((start[i]! - origin) / days);
		if (byLever) {
			const lane = laneOf![lever[i]!]!;
			if (lane >= 0) binsInRange[lane]![bin]! += 1;
		}
		for (let p = taking[i]!, stop = taking[i + 1]!; p < stop; p++) {
			const a = actor[p]!;
			if (events[a]! === 0) touchedActors.push(a);
			events[a]! += 1;
			if (role[p]! & 1) asActor[a]! += 1;
			if (role[p]! & 2) asTarget[a]! += 1;
			if (byActor) {
				const lane = laneOf![a]!;
				if (lane >= 0) binsInRange[lane]![bin]! += 1;
			}
		}
		for (let l = linking[i]!, stop = linking[i + 1]!; l < stop; l++) {
			const id = link[l]!;
			if (linkEvents[id]! === 0) touchedLinks.push(id);
			linkEvents[id]! += 1;
			const pair = linkPair[id]!;
			if (!pairSeen[pair]) {
				pairSeen[pair] = 1;
				edges += 1;
			}
		}
	}

	const top = touchedActors
		.sort((a, b) => events[b]! - events[a]! || a - b)
		.slice(0, limits.actors);
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
	// Link ids follow (actor, target, lever) order (event-index.ts): ties go to the lower id.
	const links = strongest(
		touchedLinks.filter((id) => drawn[index.linkSource[id]!] && drawn[index.linkTarget[id]!]),
		linkEvents,
		limits.links
	)
		.sort((a, b) => linkEvents[b]! - linkEvents[a]! || a - b)
		.slice(0, limits.links)
		.sort((a, b) => a - b)
		.map((link) => ({
			source: actors.id[index.linkSource[link]!]!,
			target: actors.id[index.linkTarget[link]!]!,
			lever: index.levers[index.linkLever[link]!] ?? null,
			events: linkEvents[link]!
		}));
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
	for (const id of touchedLinks) {
		linkEvents[id] = 0;
		pairSeen[linkPair[id]!] = 0;
	}
	scratchCounts.dirty = false;
	return {
		counts: { events: shown, actors: touchedActors.length, edges },
		network: { nodes, edges: links, relations },
		inRange: binsInRange
	};
}

/**
 * Per-link counters, kept with their index and zeroed after each pass where it wrote: at
 * millions of events they are megabytes, and allocating them per change made the garbage
 * collector pause for hundreds of milliseconds every few brush steps.
 */
const scratch = new WeakMap<
	EventIndex,
	{ linkEvents: Int32Array; pairSeen: Uint8Array; dirty: boolean }
>();

function counters(index: EventIndex) {
	let found = scratch.get(index);
	if (!found) {
		const links = index.linkSource.length;
		found = { linkEvents: new Int32Array(links), pairSeen: new Uint8Array(links), dirty: false };
		scratch.set(index, found);
	}
	// A pass that stopped half-way (it threw) left counts behind: start from zero again.
	if (found.dirty) {
		found.linkEvents.fill(0);
		found.pairSeen.fill(0);
	}
	found.dirty = true;
	return found;
}

/**
 * The links with the `count` highest event counts, ties at the cut included, unordered: a
 * histogram of counts finds the cut in one pass, so only those few thousand are then sorted,
 * not the hundreds of thousands of links a brush at millions of events touches.
 */
function strongest(links: number[], events: Int32Array, count: number): number[] {
	if (links.length <= count) return links;
	let most = 0;
	for (const link of links) most = Math.max(most, events[link]!);
	const histogram = new Int32Array(most + 1);
	for (const link of links) histogram[events[link]!]! += 1;
	let cut = most;
	let above = 0;
	while (above + histogram[cut]! < count) above += histogram[cut--]!;
	// Of the links tied at the cut, the lowest ids, as the final order would take them.
	const tied = Int32Array.from(links.filter((link) => events[link] === cut)).sort();
	const stronger = links.filter((link) => events[link]! > cut);
	return [...stronger, ...tied.subarray(0, count - above)];
}
