/** The event format v1 (see DESIGN.md): what a row of events, actors or relations holds once validated. */

/** The fields of an event, in the order of the shipped `events.csv`. */
export const EVENT_FIELDS = [
	'id',
	'date',
	'end_date',
	'title',
	'summary',
	'actors',
	'targets',
	'lever',
	'lever_id',
	'status',
	'source',
	'source_url',
	'source_date',
	'quote',
	'tags'
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export type DatePrecision = 'day' | 'month' | 'year';

/** A calendar date as written in the data, with the span of days it stands for. */
export interface CalendarDate {
	/** As written: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
	text: string;
	precision: DatePrecision;
	/** First day of the span, `YYYY-MM-DD`. */
	first: string;
	/** Last day of the span, `YYYY-MM-DD` (equal to `first` for a day). */
	last: string;
}

export interface EventRecord {
	id: string;
	date: CalendarDate;
	end_date?: CalendarDate;
	title: string;
	summary?: string;
	actors: string[];
	targets: string[];
	lever?: string;
	lever_id?: string;
	status?: string;
	source?: string;
	source_url?: string;
	source_date?: CalendarDate;
	quote?: string;
	tags: string[];
}

export const ACTOR_KINDS = [
	'state',
	'agency',
	'company',
	'person',
	'group',
	'think_tank',
	'media'
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface ActorRecord {
	id: string;
	name: string;
	kind?: string;
	country?: string;
	aliases: string[];
	description?: string;
}

export interface RelationRecord {
	from: string;
	to: string;
	kind: string;
	since?: CalendarDate;
	until?: CalendarDate;
	source?: string;
	source_url?: string;
}

/** A value read from a file before validation: text from CSV, anything from JSON. */
export type RawRow = Record<string, unknown>;
