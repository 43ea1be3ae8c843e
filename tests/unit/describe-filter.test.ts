import { describe, expect, it } from 'vitest';
import { describeFilter } from '../../src/lib/state/describe-filter';
import { NO_FILTER } from '../../src/lib/state/filter';

const names = new Map([
	['us-bis', 'US Bureau of Industry and Security'],
	['nvidia', 'Nvidia']
]);
const actorName = (id: string) => names.get(id) ?? id;

describe('describeFilter', () => {
	it('says nothing when nothing is filtered', () => {
		expect(describeFilter(NO_FILTER, actorName)).toEqual([]);
		expect(describeFilter({ ...NO_FILTER, q: '  ' }, actorName)).toEqual([]);
	});

	it('names levers, actors and statuses by their labels, in a fixed order', () => {
		expect(
			describeFilter(
				{
					actors: ['nvidia', 'us-bis', 'unknown-id'],
					levers: ['chip_licences', 'cyber', 'home_made'],
					status: ['in_force', 'suspended'],
					q: ' H200 '
				},
				actorName
			)
		).toEqual([
			'Levers: Chip licences, Cyber, home made',
			'Actors: Nvidia, US Bureau of Industry and Security, unknown-id',
			'Status: In force, Suspended',
			'Search: “H200”'
		]);
	});

	it('writes dates at their precision, never shifted by the time zone', () => {
		const dates = (from?: string, to?: string) =>
			describeFilter({ ...NO_FILTER, from, to }, actorName);
		expect(dates('2025-10-01', '2025-11-15')).toEqual(['Dates: 1 Oct 2025 – 15 Nov 2025']);
		expect(dates('2024-06')).toEqual(['Dates: from Jun 2024']);
		expect(dates(undefined, '2023')).toEqual(['Dates: until 2023']);
	});

	it('shortens long lists', () => {
		const ids = Array.from({ length: 11 }, (_, i) => `a${i}`);
		expect(describeFilter({ ...NO_FILTER, actors: ids }, actorName)).toEqual([
			'Actors: a0, a1, a2, a3, a4, a5, a6, a7 and 3 more'
		]);
	});
});
