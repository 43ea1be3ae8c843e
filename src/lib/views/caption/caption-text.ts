import { formatCount } from '$lib/model/format-count';
import type { Counts } from '$lib/db/queries/counts';
import { describeFilter } from '$lib/state/describe-filter';
import type { Filter } from '$lib/state/filter';

const plural = (n: number, one: string, many: string) =>
	`${formatCount(n)} ${n === 1 ? one : many}`;

/** "78 events · 64 actors · 53 links". */
export function countsText(counts: Counts): string {
	return [
		plural(counts.events, 'event', 'events'),
		plural(counts.actors, 'actor', 'actors'),
		plural(counts.edges, 'link', 'links')
	].join(' · ');
}

/** What the filters keep, in words, or that nothing is filtered. */
export function showingText(filter: Filter, names: ReadonlyMap<string, string>): string {
	const phrases = describeFilter(filter, (id) => names.get(id) ?? id);
	return phrases.length > 0 ? `Showing ${phrases.join(' · ')}` : 'Showing all events';
}

/** The caption of an exported chart: what is shown, how much, and whose data it is. */
export function captionLines(options: {
	filter: Filter;
	names: ReadonlyMap<string, string>;
	counts: Counts;
	source: string;
}): string[] {
	return [
		`${showingText(options.filter, options.names)} (${countsText(options.counts)})`,
		`Data: ${options.source}`,
		'Made with Leverwatch'
	];
}
