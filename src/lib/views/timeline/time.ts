/** Calendar days as UTC instants, so scales and ticks never move with the browser's zone. */
const DAY_MS = 86_400_000;

export function dayToDate(day: string): Date {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y!, m! - 1, d!));
}

/** The instant just after a day ends, so a one-day span has a width. */
export function dayEnd(day: string): Date {
	return new Date(dayToDate(day).getTime() + DAY_MS);
}

export function dateToDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Today's calendar date where the reader is (what a "today" marker should show). */
export function today(now = new Date()): string {
	const local = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
	return dateToDay(local);
}
