import type { Filter } from '$lib/state/filter';
import type { Connector } from '../connector';
import { filterCondition, rangeConditions } from '../filter-sql';
import { join, sql, type Sql } from '../sql';

/**
 * Equal spans of days over the dataset's date extent. Bins depend on the dataset only, never
 * on the filters, so they stay put while a person filters and brushes.
 */
export interface BinScale {
	/** First day of bin 0, `YYYY-MM-DD`. */
	origin: string;
	/** Days in each bin. */
	days: number;
	count: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** At most `count` bins of whole days covering `first`…`last` (inclusive). */
export function binScale(extent: { first: string; last: string }, count: number): BinScale {
	const span = dayNumber(extent.last) - dayNumber(extent.first) + 1;
	const days = Math.max(1, Math.ceil(span / count));
	return { origin: extent.first, days, count: Math.ceil(span / days) };
}

/** First and last day of bin `index`, `YYYY-MM-DD`. */
export function binDays(scale: BinScale, index: number): { first: string; last: string } {
	const start = dayNumber(scale.origin) + index * scale.days;
	const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
	return { first: iso(start), last: iso(start + scale.days - 1) };
}

/** Events in one lane and bin: all of them, and those inside the filter's time range. */
export interface TimelineBinRow {
	[column: string]: string | number | null;
	/** A lever (null for events without one) or an actor id. */
	lane: string | null;
	bin: number;
	events: number;
	in_range: number;
}

/** The filter without its time range: what the timeline covers (it dims, not drops, the rest). */
const contextCondition = (filter: Filter) =>
	filterCondition({ ...filter, from: undefined, to: undefined });

/** How many events the timeline would draw: every filter applies but the time range. */
export function buildTimelineTotalQuery(filter: Filter): Sql {
	return sql`SELECT count(*) AS events FROM events e WHERE ${contextCondition(filter)}`;
}

export async function timelineTotal(db: Connector, filter: Filter): Promise<number> {
	const [row] = await db.query<{ events: number }>(buildTimelineTotalQuery(filter));
	return row?.events ?? 0;
}

/**
 * The events the timeline covers, with their bin and whether they fall in the time range.
 * An event spanning several days counts once, in the bin of its first day: every event is
 * counted once, so the bins add up to the event count the page states, and a year-precision
 * date is not smeared over a year of bins it may not have lasted.
 */
function shownBinned(filter: Filter, scale: BinScale): Sql {
	const range = rangeConditions(filter);
	const inRange = range.length === 0 ? sql`TRUE` : join(range, ' AND ');
	// Integer day numbers and an integer division: grouping on integers, not dates.
	return sql`
shown AS (
  SELECT e.ord, e.lever,
         CAST((e.start_day - CAST(${scale.origin} AS DATE)) // CAST(${scale.days} AS INTEGER) AS INTEGER) AS bin,
         ${inRange} AS in_range
  FROM events e WHERE ${contextCondition(filter)}
)`;
}

/** Counts per lever lane and bin; only bins holding events are returned. */
export function buildLeverBinsQuery(filter: Filter, scale: BinScale): Sql {
	return sql`
WITH ${shownBinned(filter, scale)}
SELECT lever AS lane, bin, count(*) AS events, count(*) FILTER (WHERE in_range) AS in_range
FROM shown GROUP BY lever, bin ORDER BY lane NULLS LAST, bin`;
}

/**
 * Counts per actor lane and bin for the `lanes` busiest actors (as actor or target), as
 * lanes.ts's laneByActor chooses them for events: most events first, ties by name. An event
 * counts in the lane of each actor taking part. `hidden` repeats on every row: the actors
 * taking part beyond those lanes. One join of the participation table with the shown events
 * gives the counts per actor and bin, and the ranking is summed from those (at 1M events
 * twice as fast as ranking first and joining again).
 */
export function buildActorBinsQuery(filter: Filter, scale: BinScale, lanes: number): Sql {
	return sql`
WITH ${shownBinned(filter, scale)},
per_bin AS (
  SELECT p.actor, s.bin, count(*) AS events, count(*) FILTER (WHERE s.in_range) AS in_range
  FROM taking_part p JOIN shown s ON s.ord = p.ord
  GROUP BY p.actor, s.bin
),
busy AS (SELECT actor, sum(events) AS events FROM per_bin GROUP BY actor),
ranked AS (
  SELECT busy.actor, c.id,
         row_number() OVER (ORDER BY busy.events DESC, coalesce(a.name, c.id), c.id) AS rank
  FROM busy JOIN actor_codes c ON c.code = busy.actor LEFT JOIN actors a ON a.id = c.id
)
SELECT r.id AS lane, per_bin.bin, per_bin.events, per_bin.in_range,
       greatest(0, (SELECT count(*) FROM busy) - ${lanes}) AS hidden
FROM per_bin JOIN ranked r ON r.actor = per_bin.actor
WHERE r.rank <= ${lanes}
ORDER BY r.rank, per_bin.bin`;
}

/** One lane's counts, bin by bin (zero where no event falls). */
export interface BinLaneCounts {
	key: string | null;
	events: Int32Array;
	inRange: Int32Array;
}

export interface TimelineBins {
	scale: BinScale;
	/** What the lanes are. */
	by: 'lever' | 'actor';
	/** Events the timeline covers (every filter but the time range). */
	total: number;
	/** Levers in the order met (the view sorts them), actors busiest first. */
	lanes: BinLaneCounts[];
	/** Actors taking part that have no lane of their own (actor lanes only). */
	hidden: number;
}

/**
 * Counts per lane and bin, as one dense typed array per lane: a few dozen arrays instead of
 * tens of thousands of row objects for the chart to walk on every zoom frame.
 */
export async function timelineBins(
	db: Connector,
	filter: Filter,
	options: { scale: BinScale; total: number; by: 'lever' | 'actor'; actorLanes: number }
): Promise<TimelineBins> {
	const { scale, by } = options;
	const rows = await db.query<TimelineBinRow & { hidden?: number }>(
		by === 'actor'
			? buildActorBinsQuery(filter, scale, options.actorLanes)
			: buildLeverBinsQuery(filter, scale)
	);
	const lanes = new Map<string | null, BinLaneCounts>();
	for (const row of rows) {
		let lane = lanes.get(row.lane);
		if (!lane) {
			lane = {
				key: row.lane,
				events: new Int32Array(scale.count),
				inRange: new Int32Array(scale.count)
			};
			lanes.set(row.lane, lane);
		}
		lane.events[row.bin] = row.events;
		lane.inRange[row.bin] = row.in_range;
	}
	return {
		scale,
		by,
		total: options.total,
		lanes: [...lanes.values()],
		hidden: rows[0]?.hidden ?? 0
	};
}
