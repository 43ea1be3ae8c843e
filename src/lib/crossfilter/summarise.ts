import type { Counts } from '$lib/db/queries/counts';
import type { NetworkRows } from '$lib/db/queries/network';
import type { EventIndex } from './event-index';
import { inRange, keeps, rangePositions, type Selection } from './selection';

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
	/** Per position: 1 when the event passes every clause, the time range included. */
	kept: Uint8Array;
	/** Per lane, in-range events per bin (when a split was given). */
	inRange: Int32Array[];
}

/**
 * Counts and network of the selected events, as counts.ts and network.ts compute them in SQL:
 * actors busiest first (ties by code, which is id order), at most `limit`; links among them,
 * strongest first, at most eight per drawn actor. One pass over the time range's positions.
 */
export function summarise(
	index: EventIndex,
	selection: Selection,
	limit: number,
	split?: LaneSplit
): Summary {
	const actorCount = index.actors.id.length;
	const events = new Int32Array(actorCount);
	const asActor = new Int32Array(actorCount);
	const asTarget = new Int32Array(actorCount);
	const linkEvents = new Int32Array(index.linkSource.length);
	const pairSeen = new Uint8Array(index.linkSource.length);
	const touchedActors: number[] = [];
	const touchedLinks: number[] = [];
	const kept = new Uint8Array(index.size);
	const binsInRange = split
		? Array.from({ length: split.lanes }, () => new Int32Array(split.bins))
		: [];
	let shown = 0;
	let edges = 0;
	const [first, last] = rangePositions(index, selection);
	for (let i = first; i < last; i++) {
		if (!inRange(index, selection, i) || !keeps(index, selection, i)) continue;
		kept[i] = 1;
		shown += 1;
		const bin = split ? Math.floor((index.start[i]! - split.origin) / split.days) : 0;
		if (split?.by === 'lever') {
			const lane = split.laneOf[index.lever[i]!]!;
			if (lane >= 0) binsInRange[lane]![bin]! += 1;
		}
		for (let p = index.taking[i]!; p < index.taking[i + 1]!; p++) {
			const a = index.actor[p]!;
			if (events[a]! === 0) touchedActors.push(a);
			events[a]! += 1;
			if (index.role[p]! & 1) asActor[a]! += 1;
			if (index.role[p]! & 2) asTarget[a]! += 1;
			if (split?.by === 'actor') {
				const lane = split.laneOf[a]!;
				if (lane >= 0) binsInRange[lane]![bin]! += 1;
			}
		}
		for (let l = index.linking[i]!; l < index.linking[i + 1]!; l++) {
			const link = index.link[l]!;
			if (linkEvents[link]! === 0) touchedLinks.push(link);
			linkEvents[link]! += 1;
			const pair = index.linkPair[link]!;
			if (!pairSeen[pair]) {
				pairSeen[pair] = 1;
				edges += 1;
			}
		}
	}

	const top = touchedActors.sort((a, b) => events[b]! - events[a]! || a - b).slice(0, limit);
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
	const bySourceTargetLever = (a: number, b: number) =>
		index.linkSource[a]! - index.linkSource[b]! ||
		index.linkTarget[a]! - index.linkTarget[b]! ||
		index.linkLever[a]! - index.linkLever[b]!;
	const links = touchedLinks
		.filter((link) => drawn[index.linkSource[link]!] && drawn[index.linkTarget[link]!])
		.sort((a, b) => linkEvents[b]! - linkEvents[a]! || bySourceTargetLever(a, b))
		.slice(0, limit * 8)
		.sort(bySourceTargetLever)
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
	return {
		counts: { events: shown, actors: touchedActors.length, edges },
		network: { nodes, edges: links, relations },
		kept,
		inRange: binsInRange
	};
}
