import { formatCalendarDate, parseCalendarDate } from '$lib/model/dates';
import { leverLabel } from '$lib/model/levers';
import { statusLabel } from '$lib/model/statuses';
import type { Filter } from './filter';

/** Names listed at most per kind of filter; a caption stays a caption. */
const MAX_NAMED = 8;

function named(values: string[], label: (value: string) => string): string {
	const shown = values.slice(0, MAX_NAMED).map(label);
	const more = values.length - shown.length;
	return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

const dateText = (text: string) => (parseCalendarDate(text) ? formatCalendarDate({ text }) : text);

/**
 * The active filters in words, one phrase per kind ("Levers: Sanctions, Cyber", "Dates: 1 Oct
 * 2025 – 15 Nov 2025"), for captions of embeds, prints and exports. Empty when nothing is filtered.
 */
export function describeFilter(filter: Filter, actorName: (id: string) => string): string[] {
	const phrases: string[] = [];
	if (filter.levers.length > 0) phrases.push(`Levers: ${named(filter.levers, leverLabel)}`);
	if (filter.actors.length > 0) phrases.push(`Actors: ${named(filter.actors, actorName)}`);
	if (filter.status.length > 0) phrases.push(`Status: ${named(filter.status, statusLabel)}`);
	if (filter.from && filter.to) {
		phrases.push(`Dates: ${dateText(filter.from)} – ${dateText(filter.to)}`);
	} else if (filter.from) {
		phrases.push(`Dates: from ${dateText(filter.from)}`);
	} else if (filter.to) {
		phrases.push(`Dates: until ${dateText(filter.to)}`);
	}
	const q = filter.q?.trim();
	if (q) phrases.push(`Search: “${q}”`);
	return phrases;
}
