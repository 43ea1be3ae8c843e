import type { TimelineEventRow } from '$lib/db/queries/timeline';

/** A stretch of time in which a lever stood in one status. */
export interface StatusSegment {
	status: string;
	/** The event that set the status. */
	eventId: string;
	/** First day, and the day after the last (exclusive), `YYYY-MM-DD`. */
	from: string;
	until: string;
	/** True when the segment runs on to today because nothing later is known. */
	open: boolean;
}

export interface StatusTrack {
	leverId: string;
	lever: string | null;
	label: string;
	segments: StatusSegment[];
	events: TimelineEventRow[];
}

/** Statuses after which a lever is no longer in play: their segment covers the event only. */
const CLOSING = new Set(['lifted', 'expired', 'denied']);

const nextDay = (day: string) => {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date.toISOString().slice(0, 10);
};

/** "h20-export-licences" → "H20 export licences". */
export function trackLabel(leverId: string): string {
	const words = leverId.replace(/[-_]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The status of each concrete lever over time: its events in date order, each status lasting
 * until the next event, the event's own `end_date`, or (for the latest) today.
 */
export function statusTracks(rows: TimelineEventRow[], today: string): StatusTrack[] {
	const byLever = new Map<string, TimelineEventRow[]>();
	for (const row of rows) {
		if (!row.lever_id || !row.status) continue;
		const events = byLever.get(row.lever_id);
		if (events) events.push(row);
		else byLever.set(row.lever_id, [row]);
	}
	const tracks: StatusTrack[] = [];
	for (const [leverId, events] of byLever) {
		events.sort((a, b) => (a.start_day < b.start_day ? -1 : a.start_day > b.start_day ? 1 : 0));
		const segments = events.map((event, i): StatusSegment => {
			const next = events[i + 1];
			const ownEnd = nextDay(event.end_day);
			let until: string;
			let open = false;
			if (CLOSING.has(event.status!)) until = ownEnd;
			else if (event.end_date) until = next && next.start_day < ownEnd ? next.start_day : ownEnd;
			else if (next) until = next.start_day > event.start_day ? next.start_day : ownEnd;
			else {
				until = nextDay(today > event.end_day ? today : event.end_day);
				open = true;
			}
			return { status: event.status!, eventId: event.id, from: event.start_day, until, open };
		});
		tracks.push({ leverId, lever: events[0]!.lever, label: trackLabel(leverId), segments, events });
	}
	return tracks.sort((a, b) => (a.segments[0]!.from < b.segments[0]!.from ? -1 : 1));
}
