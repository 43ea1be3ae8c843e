import { describe, expect, it } from 'vitest';
import { RowsByOrd } from '../../src/lib/crossfilter/rows-by-ord';

interface Row {
	ord: number;
	title: string;
}

/** A fetch that answers in reverse order and records what it was asked for. */
function database() {
	const asked: number[][] = [];
	const fetch = async (ords: number[]): Promise<Row[]> => {
		asked.push(ords);
		return ords.map((ord) => ({ ord, title: `Event ${ord}` })).reverse();
	};
	return { asked, fetch };
}

const titles = (rows: Row[]) => rows.map((row) => row.title);

describe('rows kept by ord', () => {
	it('asks only for rows it has not fetched, and answers in the order asked', async () => {
		const rows = new RowsByOrd<Row>(10);
		const db = database();
		expect(titles(await rows.get([3, 5, 8], db.fetch))).toEqual(['Event 3', 'Event 5', 'Event 8']);
		expect(titles(await rows.get([1, 5, 8, 9], db.fetch))).toEqual([
			'Event 1',
			'Event 5',
			'Event 8',
			'Event 9'
		]);
		expect(titles(await rows.get([8, 3], db.fetch))).toEqual(['Event 8', 'Event 3']);
		expect(db.asked).toEqual([
			[3, 5, 8],
			[1, 9]
		]);
	});

	it('lets the rows asked for least recently go past its capacity', async () => {
		const rows = new RowsByOrd<Row>(3);
		const db = database();
		await rows.get([1, 2, 3], db.fetch);
		await rows.get([1], db.fetch);
		await rows.get([4], db.fetch);
		// 2 was the least recent: asked for again; 1, 3 and 4 were kept.
		await rows.get([1, 2, 3, 4], db.fetch);
		expect(db.asked).toEqual([[1, 2, 3], [4], [2]]);
	});

	it('answers with the rows it had when asked, though another answer pushed them out since', async () => {
		const rows = new RowsByOrd<Row>(2);
		const db = database();
		await rows.get([1, 2], db.fetch);
		let answer: (rows: Row[]) => void = () => undefined;
		const waiting = rows.get([1, 3], () => new Promise((resolve) => (answer = resolve)));
		await rows.get([4, 5], db.fetch);
		answer([{ ord: 3, title: 'Event 3' }]);
		expect(titles(await waiting)).toEqual(['Event 1', 'Event 3']);
	});

	it('keeps nothing from a failed fetch, and says which row the database left out', async () => {
		const rows = new RowsByOrd<Row>(10);
		await expect(
			rows.get([1, 2], () => Promise.reject(new Error('Database lost')))
		).rejects.toThrow('Database lost');
		const db = database();
		await rows.get([1, 2], db.fetch);
		expect(db.asked).toEqual([[1, 2]]);
		await expect(rows.get([7], async () => [])).rejects.toThrow(
			'The database returned no row for event 7.'
		);
	});
});
