import { validateDataset } from '../../src/lib/model/validate';
import type { EventRecord } from '../../src/lib/model/event';
import { readCsvDataset } from '../helpers/fixtures';

/** The shipped dataset, read from data/ the way the app reads it. */
export const shipped = validateDataset(readCsvDataset('data'), { requireSource: true }).dataset;

/**
 * What the counts element must say for a set of events, worked out here from the files
 * rather than by the app's SQL.
 */
export function countsOf(events: EventRecord[]) {
	const nodes = new Set<string>();
	const pairs = new Set<string>();
	for (const event of events) {
		for (const id of [...event.actors, ...event.targets]) nodes.add(id);
		for (const actor of event.actors) {
			for (const target of event.targets) pairs.add(`${actor}\u0000${target}`);
		}
	}
	return { events: events.length, actors: nodes.size, edges: pairs.size };
}

/** Events whose span overlaps an inclusive range of days. */
export function inRange(events: EventRecord[], from: string, to: string) {
	return events.filter((e) => (e.end_date ?? e.date).last >= from && e.date.first <= to);
}
