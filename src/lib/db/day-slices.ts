import { dayLiteral, join, raw, sql, type Sql } from './sql';

/** Events per first day ('YYYY-MM-DD'), in day order: what slices of whole days are cut from. */
export type DayCount = { day: string; n: number };

/**
 * The events per first day of `relation` (a table or parenthesised query, the app's own text,
 * whose `start_day` is a DATE or 'YYYY-MM-DD' text).
 */
export const dayCounts = (relation: string): Sql => sql`
SELECT CAST(start_day AS VARCHAR) AS day, count(*) AS n FROM ${raw(relation)}
GROUP BY start_day ORDER BY start_day`;

/**
 * Work over millions of events goes in slices of whole days where one statement would hold them
 * all at once (sorted, or uncompressed): WebAssembly memory is never given back to the browser,
 * so a statement's peak is memory kept for good. The first day of each slice after the first:
 * as few slices as keep each under `rowsPerSlice` events where the days allow (a single day's
 * events are never split).
 */
export function sliceStarts(days: readonly DayCount[], rowsPerSlice: number): string[] {
	const starts: string[] = [];
	let rows = 0;
	for (const { day, n } of days) {
		if (rows > 0 && rows + n > rowsPerSlice) {
			starts.push(day);
			rows = 0;
		}
		rows += n;
	}
	return starts;
}

/**
 * One condition per slice, in day order, on a DATE column named by the caller (always the app's
 * own text): together they take every day once.
 */
export function daySlices(starts: readonly string[]): ((column: string) => Sql)[] {
	return Array.from({ length: starts.length + 1 }, (_, i) => {
		const from = starts[i - 1];
		const until = starts[i];
		return (column: string) =>
			join(
				[
					sql`TRUE`,
					...(from ? [sql`${raw(column)} >= ${dayLiteral(from)}`] : []),
					...(until ? [sql`${raw(column)} < ${dayLiteral(until)}`] : [])
				],
				' AND '
			);
	});
}
