import { describe, expect, it } from 'vitest';
import { formatCalendarDate, parseCalendarDate } from '../../src/lib/model/dates';

describe('parseCalendarDate', () => {
	it('keeps the precision of a day, a month and a year', () => {
		expect(parseCalendarDate('2025-12-03')).toEqual({
			text: '2025-12-03',
			precision: 'day',
			first: '2025-12-03',
			last: '2025-12-03'
		});
		expect(parseCalendarDate('2024-02')).toMatchObject({
			precision: 'month',
			first: '2024-02-01',
			last: '2024-02-29'
		});
		expect(parseCalendarDate('2019')).toMatchObject({
			precision: 'year',
			first: '2019-01-01',
			last: '2019-12-31'
		});
	});

	it('rejects impossible and malformed dates', () => {
		for (const text of [
			'2025-02-29',
			'2025-13',
			'2025-00-10',
			'25-01-01',
			'2025/01/01',
			'',
			'soon'
		]) {
			expect(parseCalendarDate(text), text).toBeUndefined();
		}
	});

	it('trims surrounding spaces', () => {
		expect(parseCalendarDate(' 2025-01-17 ')?.text).toBe('2025-01-17');
	});
});

describe('formatCalendarDate', () => {
	it('shows each precision without shifting the day, whatever the time zone', () => {
		// vite.config.ts runs unit tests west of UTC, where a date read as local midnight
		// would show the day before.
		expect(new Date(2025, 0, 1).getTimezoneOffset()).toBeGreaterThan(0);
		expect(formatCalendarDate({ text: '2025-01-01' })).toBe('1 Jan 2025');
		expect(formatCalendarDate({ text: '2025-11' })).toBe('Nov 2025');
		expect(formatCalendarDate({ text: '2018' })).toBe('2018');
	});
});
