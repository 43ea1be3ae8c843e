import { describe, expect, it } from 'vitest';
import { quoteIdent } from '../../src/lib/db/identifiers';
import { raw, sql } from '../../src/lib/db/sql';
import { tooLarge } from '../../src/lib/ingest/limits';
import { decodeMapping, encodeMapping, missingRequired } from '../../src/lib/ingest/mapping';
import { sniff, sniffDelimiter, sniffEncoding } from '../../src/lib/ingest/sniff';
import { needsDateOrder, suggestMapping, type ColumnInfo } from '../../src/lib/ingest/suggest';
import { startNodeDuckDB } from '../helpers/node-duckdb';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffing', () => {
	it('tells formats by their first bytes', () => {
		expect(sniff(bytes('PAR1....'), 'x')).toEqual({ format: 'parquet' });
		expect(sniff(bytes('ARROW1..'), 'x')).toEqual({ format: 'arrow' });
		expect(sniff(new Uint8Array([255, 255, 255, 255, 0, 0]), 'x')).toEqual({ format: 'arrow' });
		expect(sniff(bytes('  [{"a":1}]'), 'x')).toEqual({ format: 'json', encoding: 'utf-8' });
		expect(sniff(bytes('{"a":1}\n{"a":2}'), 'x')).toEqual({ format: 'json', encoding: 'utf-8' });
		expect(sniff(bytes('a,b\n1,2\n'), 'x.csv')).toEqual({
			format: 'csv',
			csv: { delimiter: ',', encoding: 'utf-8' }
		});
	});

	it('explains files it cannot read', () => {
		expect(sniff(new Uint8Array(), 'x')).toEqual({ error: 'The file is empty.' });
		expect(sniff(bytes('  \n \n'), 'x')).toEqual({
			error: 'The file holds no data, only blank space.'
		});
		expect(sniff(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 1]), 'x.zip')).toMatchObject({
			error: expect.stringContaining('binary data')
		});
	});

	it('finds the delimiter that splits lines evenly, outside quotes', () => {
		expect(sniffDelimiter('a;b;c\n1;"x, y";3\n4;5;6\n')).toBe(';');
		expect(sniffDelimiter('a\tb\n1\t2\n3\t4\n')).toBe('\t');
		expect(sniffDelimiter('a|b\n1|2\n3|4\n')).toBe('|');
		expect(sniffDelimiter('title,date\n"Hello; world",2025\n"A; B",2024\n')).toBe(',');
		expect(sniffDelimiter('one column\nvalue\n', 'x.tsv')).toBe('\t');
	});

	it('detects UTF-8, UTF-16 by its mark, and falls back to Latin-1', () => {
		expect(sniffEncoding(bytes('Zoë'))).toBe('utf-8');
		expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBe('utf-16');
		expect(sniffEncoding(new Uint8Array([0x5a, 0x6f, 0xeb, 0x20, 0x61]))).toBe('latin-1');
		// A character cut at the end of the sample is still UTF-8, but not at the end of the file.
		expect(sniffEncoding(bytes('Zoë').subarray(0, 3))).toBe('utf-8');
		expect(sniffEncoding(bytes('Zoë').subarray(0, 3), true)).toBe('latin-1');
	});
});

const column = (name: string, samples: string[], type = 'VARCHAR'): ColumnInfo => ({
	name,
	type,
	samples
});

describe('mapping suggestions', () => {
	it('matches GDELT-like names and contents', () => {
		const mapping = suggestMapping([
			column('GLOBALEVENTID', ['1', '2']),
			column('SQLDATE', ['20250101'], 'INTEGER'),
			column('Actor1Name', ['UNITED STATES']),
			column('Actor2Name', ['CHINA']),
			column('EventCode', ['163']),
			column('SOURCEURL', ['https://example.org/x'])
		]);
		expect(mapping.fields).toMatchObject({
			id: { column: 'GLOBALEVENTID' },
			actors: { column: 'Actor1Name' },
			targets: { column: 'Actor2Name' },
			source_url: { column: 'SOURCEURL' }
		});
	});

	it('finds dates and links by content when names say nothing', () => {
		const mapping = suggestMapping([
			column('col_a', ['2025-01-01', '2025-02']),
			column('col_b', ['https://a.example/1', 'http://b.example']),
			column('who', ['US'])
		]);
		expect(mapping.fields.date).toEqual({ column: 'col_a' });
		expect(mapping.fields.source_url).toEqual({ column: 'col_b' });
		expect(missingRequired(mapping)).toEqual([]);
	});

	it('proposes no column twice and leaves unknown fields unmapped', () => {
		const mapping = suggestMapping([column('date', ['2025-01-01'])]);
		expect(Object.keys(mapping.fields)).toEqual(['date']);
		expect(missingRequired(mapping)).toEqual(['actors']);
	});

	it('guesses the list separator and flags ambiguous day/month dates', () => {
		const columns = [
			column('date', ['03/11/2025', '04/10/2025']),
			column('actors', ['US|Japan', 'China'])
		];
		const mapping = suggestMapping(columns);
		expect(mapping.listSeparator).toBe('|');
		expect(mapping.dateOrder).toBe('unset');
		expect(needsDateOrder(columns, mapping)).toBe(true);
		expect(
			suggestMapping([column('date', ['12/31/2025']), column('actors', ['US'])]).dateOrder
		).toBe('mdy');
	});
});

describe('the map= parameter', () => {
	it('round-trips columns, constants, separator and date order', () => {
		const mapping = {
			fields: {
				date: { column: 'Date, local' },
				actors: { column: 'Actor:1' },
				lever: { constant: 'sanctions' }
			},
			listSeparator: '|',
			dateOrder: 'dmy' as const
		};
		const text = encodeMapping(mapping);
		expect(text).toBe('date:Date%2C%20local,actors:Actor%3A1,lever:%3Dsanctions,sep:%7C,dates:dmy');
		expect(decodeMapping(text)).toEqual(mapping);
	});

	it('ignores unknown fields and malformed parts', () => {
		expect(decodeMapping('nonsense,__proto__:x,date:%E0%A4,actors:who,:x')).toEqual({
			fields: { actors: { column: 'who' } },
			listSeparator: ';',
			dateOrder: 'unset'
		});
	});
});

describe('limits', () => {
	it('refuses files too large for the browser before reading them', () => {
		expect(tooLarge('csv', 500 * 1024 ** 2)).toBeUndefined();
		expect(tooLarge('csv', 2 * 1024 ** 3)).toMatch(/2\.0 GB.*up to 1\.5 GB/);
		expect(tooLarge('json', 400 * 1024 ** 2)).toMatch(/Convert it to CSV or Parquet/);
	});
});

describe('quoteIdent', () => {
	it('quotes any column name so that it stays one identifier', async () => {
		const db = await startNodeDuckDB();
		const names = [
			'plain',
			'with space',
			'quote"inside',
			'"; DROP TABLE x; --',
			'ünïcødé',
			'__proto__'
		];
		const select = names.map((name, i) => `${i} AS ${quoteIdent(name)}`).join(', ');
		const [row] = await db.query(sql`SELECT ${raw(select)}`);
		expect(Object.keys(row!)).toEqual(names);
		expect(() => quoteIdent('nul\u0000')).toThrow('NUL');
	});
});

describe('lw_date', () => {
	it('reads each supported form with its precision, and rejects impossible days', async () => {
		const db = await startNodeDuckDB();
		const cases: [string, string, string | null, string][] = [
			['2025', '', '2025', 'year'],
			['2025.0', '', '2025', 'year'],
			['2025-11', '', '2025-11', 'month'],
			['2025-11-03', '', '2025-11-03', 'day'],
			['2025/1/3', '', '2025-01-03', 'day'],
			['2025-11-03T23:30:00-05:00', '', '2025-11-03', 'day'],
			['3/11/2025', 'dmy', '2025-11-03', 'day'],
			['3/11/2025', 'mdy', '2025-03-11', 'day'],
			['3/11/2025', 'unset', null, 'invalid'],
			['1762128000', '', '2025-11-03', 'day'],
			['1762128000000', '', '2025-11-03', 'day'],
			['2025-02-30', '', null, 'invalid'],
			['2025-13', '', null, 'invalid'],
			['soon', '', null, 'invalid']
		];
		for (const [input, order, text, precision] of cases) {
			const [row] = await db.query<{ text: string | null; precision: string }>(
				sql`SELECT lw_date_text(lw_date(${input}, ${order})) AS text, lw_date(${input}, ${order}).precision AS precision`
			);
			expect([input, row!.text, row!.precision]).toEqual([
				input,
				precision === 'invalid' ? null : text,
				precision
			]);
		}
	});
});
