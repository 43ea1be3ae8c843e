import type { NetworkEdgeRow } from '$lib/db/queries/network';
import { leverRank } from '$lib/model/levers';

/** One drawn link: every filtered event in which `source` acts on `target`, all levers together. */
export interface NetworkLink {
	source: string;
	target: string;
	events: number;
	/** The lever with most events on this link; it colours the link. */
	lever: string | null;
	/** Events per lever, most first. */
	levers: { lever: string | null; events: number }[];
	/** Whether the reverse link exists too, so the two are drawn as separate curves. */
	mutual: boolean;
}

/**
 * Folds per-lever rows into one link per actor → target pair. Self-links are dropped: they are
 * counted but not drawn.
 */
export function linksFromRows(rows: NetworkEdgeRow[]): NetworkLink[] {
	// By source, then target: a brush step calls this for thousands of rows, and a key made of
	// both ids would be a new string for each.
	const bySource = new Map<string, Map<string, NetworkLink>>();
	const links: NetworkLink[] = [];
	for (const row of rows) {
		if (row.source === row.target) continue;
		let byTarget = bySource.get(row.source);
		if (!byTarget) bySource.set(row.source, (byTarget = new Map()));
		const share = { lever: row.lever, events: row.events };
		const link = byTarget.get(row.target);
		if (link) {
			link.events += row.events;
			link.levers.push(share);
			continue;
		}
		const { source, target, lever, events } = row;
		const created = { source, target, events, lever, levers: [share], mutual: false };
		byTarget.set(target, created);
		links.push(created);
	}
	// Every change's links outlive it (they are drawn), and the garbage collector copies what
	// outlives it: a list grown by push keeps room for a dozen and more, so the few with several
	// levers are copied to their size, and most, with one lever, never grow.
	for (const link of links) {
		if (link.levers.length > 1) {
			link.levers = link.levers.sort(byStrength).slice();
			link.lever = link.levers[0]!.lever;
		}
		link.mutual = bySource.get(link.target)?.has(link.source) ?? false;
	}
	return links;
}

const byStrength = (a: NetworkLink['levers'][number], b: NetworkLink['levers'][number]) =>
	b.events - a.events || leverRank(a.lever ?? '') - leverRank(b.lever ?? '');

/** Ids of an actor and of everyone linked to it, for highlighting a neighbourhood. */
export function neighbourhood(id: string, links: NetworkLink[]): Set<string> {
	const ids = new Set([id]);
	for (const link of links) {
		if (link.source === id) ids.add(link.target);
		if (link.target === id) ids.add(link.source);
	}
	return ids;
}

/** Whether two sets (or their absence) hold the same members. */
export function sameMembers(
	a: ReadonlySet<string> | undefined,
	b: ReadonlySet<string> | undefined
): boolean {
	if (a === b) return true;
	if (!a || !b || a.size !== b.size) return false;
	for (const member of a) if (!b.has(member)) return false;
	return true;
}
