import { describe, expect, it } from 'vitest';
import {
	datasetQuery,
	DEFAULT_QUERY,
	decodeQuery,
	encodeQuery,
	isFiltered
} from '../../src/lib/state/url';

describe('URL state codec', () => {
	it('reads every filter, the selection and the view options', () => {
		const query = decodeQuery(
			'?actors=us-bis,cn-mss&levers=sanctions&status=on_hold,imposed&from=2025-01&to=2025-12-31&q=salt+typhoon&sel=e1&lanes=actor&colour=country&rel=1&sort=-title'
		);
		expect(query).toEqual({
			filter: {
				actors: ['us-bis', 'cn-mss'],
				levers: ['sanctions'],
				status: ['on_hold', 'imposed'],
				from: '2025-01',
				to: '2025-12-31',
				q: 'salt typhoon'
			},
			sel: 'e1',
			lanes: 'actor',
			colour: 'country',
			relations: true,
			sort: { key: 'title', descending: true }
		});
	});

	it('encodes typed text with a lone surrogate instead of throwing', () => {
		const query = { ...DEFAULT_QUERY, filter: { ...DEFAULT_QUERY.filter, q: 'a\uD800' } };
		expect(encodeQuery(query)).toBe('q=a%EF%BF%BD');
	});

	it('round-trips: encoding what it decoded gives the same view', () => {
		const search =
			'actors=a%2Cb,c&levers=tariffs&from=2024&q=%22quoted%22%20%26%20more&sel=x%2Fy&sort=source';
		const query = decodeQuery(search);
		expect(query.filter.actors).toEqual(['a,b', 'c']);
		expect(decodeQuery(encodeQuery(query))).toEqual(query);
		expect(encodeQuery(query)).toBe(search);
	});

	it('writes nothing for the default view', () => {
		expect(encodeQuery(DEFAULT_QUERY)).toBe('');
		expect(decodeQuery('')).toEqual(DEFAULT_QUERY);
	});

	it('keeps parameters it does not own, such as a dataset URL', () => {
		const query = { ...DEFAULT_QUERY, sel: 'e2' };
		expect(encodeQuery(query, '?data=https%3A%2F%2Fx.org%2Fa.csv&levers=cyber&id=chart1')).toBe(
			'data=https%3A%2F%2Fx.org%2Fa.csv&id=chart1&sel=e2'
		);
	});

	it('drops what it cannot use instead of failing', () => {
		const query = decodeQuery(
			'?from=2025-02-30&to=yesterday&lanes=sideways&colour=%E0%A4&sort=-price&actors=,,%ZZ,ok&q=%20%20'
		);
		expect(query).toEqual({
			...DEFAULT_QUERY,
			filter: { ...DEFAULT_QUERY.filter, actors: ['ok'] }
		});
	});

	it('puts a reversed range the right way round', () => {
		const { filter } = decodeQuery('from=2025-06-01&to=2024');
		expect([filter.from, filter.to]).toEqual(['2024', '2025-06-01']);
	});

	it('bounds lists and text from hand-made URLs', () => {
		const many = Array.from({ length: 2000 }, (_, i) => `a${i}`).join(',');
		const query = decodeQuery(`actors=${many}&q=${'x'.repeat(5000)}`);
		expect(query.filter.actors).toHaveLength(500);
		expect(query.filter.q).toHaveLength(200);
	});

	it('knows whether anything is filtered', () => {
		expect(isFiltered(DEFAULT_QUERY.filter)).toBe(false);
		expect(isFiltered(decodeQuery('q=x').filter)).toBe(true);
		expect(isFiltered(decodeQuery('sel=x&lanes=actor').filter)).toBe(false);
	});

	it('after a new dataset, keeps view options and the data link but no filters', () => {
		const current = '?levers=cyber&lanes=actor&sel=x&data=old&id=chart';
		expect(
			datasetQuery(current, { url: 'https://x.org/a b.csv', mapping: 'date:d,actors:a' })
		).toBe('data=https%3A%2F%2Fx.org%2Fa%20b.csv&map=date%3Ad%2Cactors%3Aa&lanes=actor&id=chart');
		expect(datasetQuery(current)).toBe('lanes=actor&id=chart');
	});
});
