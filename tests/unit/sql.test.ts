import { describe, expect, it } from 'vitest';
import { dayLiteral, integerSet, join, list, raw, sql } from '../../src/lib/db/sql';
import { startNodeDuckDB } from '../helpers/node-duckdb';

describe('sql', () => {
	it('binds every interpolated value as a parameter', () => {
		const q = sql`SELECT * FROM t WHERE a = ${"x' OR 1=1 --"} AND b > ${3}`;
		expect(q.text).toBe('SELECT * FROM t WHERE a = ? AND b > ?');
		expect(q.params).toEqual(["x' OR 1=1 --", 3]);
	});

	it('nests fragments, binds lists item by item and pastes only raw code', () => {
		const where = join([sql`a IN (${list(['p', 'q'])})`, sql`b = ${true}`], ' AND ');
		const q = sql`SELECT ${raw('a')} FROM t WHERE ${where} LIMIT ${10}`;
		expect(q.text).toBe('SELECT a FROM t WHERE a IN (?, ?) AND b = ? LIMIT ?');
		expect(q.params).toEqual(['p', 'q', true, 10]);
	});

	it('binds text with a lone surrogate, which DuckDB refuses, as well-formed text', () => {
		const q = sql`a = ${'x\uD800'} AND b IN (${list(['\uDFFF', 'ok'])})`;
		expect(q.params).toEqual(['x\uFFFD', '\uFFFD', 'ok']);
	});

	it('refuses to bind an empty list, which would be invalid SQL', () => {
		expect(() => sql`a IN (${list([])})`).toThrow(/empty list/);
	});

	it('writes a set of 32-bit integers into the text as one literal, refusing anything else', () => {
		const query = sql`SELECT * FROM events WHERE ord IN (${integerSet([3, -1, 42])})`;
		expect(query.text).toBe(
			"SELECT * FROM events WHERE ord IN (SELECT unnest(CAST(string_split('3,-1,42', ',') AS INTEGER[])))"
		);
		expect(query.params).toEqual([]);
		for (const bad of [1.5, NaN, Infinity, 2 ** 31, 2 ** 53, '1) OR (1=1' as unknown as number]) {
			expect(() => integerSet([1, bad])).toThrow(/not a 32-bit integer/);
		}
		expect(() => integerSet([])).toThrow(/empty/);
	});

	it('matches exactly the members of an integer set in DuckDB', async () => {
		const db = await startNodeDuckDB();
		const rows = await db.query<{ x: number }>(
			sql`SELECT CAST(x AS INTEGER) AS x FROM range(-3, 50) t(x) WHERE CAST(x AS INTEGER) IN (${integerSet([42, -1, 7, 7, 900])}) ORDER BY x`
		);
		expect(rows.map((row) => row.x)).toEqual([-1, 7, 42]);
	});

	it('writes only calendar days into the text as dates, refusing anything else', () => {
		const query = sql`WHERE start_day BETWEEN ${dayLiteral('2021-03-01')} AND ${dayLiteral('2021-03-31')}`;
		expect(query.text).toBe("WHERE start_day BETWEEN DATE '2021-03-01' AND DATE '2021-03-31'");
		expect(query.params).toEqual([]);
		for (const bad of ['', '2021-3-1', "2021-03-01' OR '1'='1", '2021-03-01\n', '20210301']) {
			expect(() => dayLiteral(bad)).toThrow(/not a calendar day/);
		}
	});
});
