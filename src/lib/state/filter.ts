/**
 * What the person has chosen to see (DESIGN.md, "Filter semantics"). A plain value: the URL
 * codec reads and writes it, and the query layer turns it into bound SQL in one place.
 */
export interface Filter {
	/** Events in which any of these actor ids takes part, as actor or target. */
	actors: string[];
	/** Events of any of these lever types. */
	levers: string[];
	/** Events that leave their lever in any of these statuses. */
	status: string[];
	/** Inclusive `YYYY-MM-DD` bounds; an event is kept when its span overlaps them. */
	from?: string;
	to?: string;
	/** Case-insensitive text searched in title, summary and source. */
	q?: string;
}

export const NO_FILTER: Filter = { actors: [], levers: [], status: [] };
