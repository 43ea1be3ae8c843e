import type { CalendarDate } from './event';

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month of the proleptic Gregorian calendar, computed in UTC so no time zone shifts it. */
function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as a calendar date, keeping its precision.
 * Returns undefined for anything else, including impossible days such as 2025-02-30.
 */
export function parseCalendarDate(text: string): CalendarDate | undefined {
	const match = PATTERN.exec(text.trim());
	if (!match) return undefined;
	const [, y, m, d] = match;
	const year = Number(y);
	if (m === undefined) {
		return { text: y!, precision: 'year', first: `${y}-01-01`, last: `${y}-12-31` };
	}
	const month = Number(m);
	if (month < 1 || month > 12) return undefined;
	const lastDay = daysInMonth(year, month);
	if (d === undefined) {
		return {
			text: `${y}-${m}`,
			precision: 'month',
			first: `${y}-${m}-01`,
			last: `${y}-${m}-${pad(lastDay)}`
		};
	}
	const day = Number(d);
	if (day < 1 || day > lastDay) return undefined;
	const iso = `${y}-${m}-${d}`;
	return { text: iso, precision: 'day', first: iso, last: iso };
}

const MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
] as const;

/** Shows a date at its own precision ("3 Dec 2025", "Dec 2025", "2025"), never shifted by time zone. */
export function formatCalendarDate(date: Pick<CalendarDate, 'text'>): string {
	const [y, m, d] = date.text.split('-');
	if (m === undefined) return y!;
	const month = MONTHS[Number(m) - 1]!;
	return d === undefined ? `${month} ${y}` : `${Number(d)} ${month} ${y}`;
}
