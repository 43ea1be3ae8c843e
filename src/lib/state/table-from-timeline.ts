import type { ActorTable } from '$lib/crossfilter/event-index';
import type { EventRow } from '$lib/db/queries/event-rows';
import type { TimelinePageRow, TimelineEventRow } from '$lib/db/queries/timeline';

/**
 * The events table's rows for `ords` (its page, in its order), taken from the timeline's events
 * when the timeline draws every event the filter keeps but its time range: the page is then
 * among them, and the table needs no query of its own (STATE.md). Actor names come from the
 * index, as the table's own query names them: the id for an actor without a row.
 */
export function tableFromTimeline(
	events: readonly TimelinePageRow[],
	ords: readonly number[],
	actors: ActorTable
): EventRow[] {
	const byOrd = new Map(events.map((event) => [event.ord, event]));
	const name = (id: string) => actors.name[actors.code.get(id) ?? -1] ?? id;
	return ords.map((ord) => {
		const event = byOrd.get(ord);
		if (!event) throw new Error(`The table's event ${ord} is not among the timeline's.`);
		return {
			id: event.id,
			date: event.date,
			date_precision: event.date_precision,
			end_date: event.end_date,
			title: event.title,
			lever: event.lever,
			lever_id: event.lever_id,
			status: event.status,
			source: event.source,
			source_url: event.source_url,
			actors: event.actors.map(name),
			targets: event.targets.map(name)
		};
	});
}

/** A timeline event without what only the table needed, as the timeline's own query gives it. */
export function timelineEvent(row: TimelinePageRow): TimelineEventRow {
	return {
		id: row.id,
		date: row.date,
		date_precision: row.date_precision,
		end_date: row.end_date,
		start_day: row.start_day,
		end_day: row.end_day,
		title: row.title,
		lever: row.lever,
		lever_id: row.lever_id,
		status: row.status,
		actors: row.actors,
		targets: row.targets,
		in_range: row.in_range
	};
}
