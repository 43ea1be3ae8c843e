import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { loadDataset } from '../../src/lib/db/load';
import { buildMappedStatements } from '../../src/lib/db/import-sql';
import { sql } from '../../src/lib/db/sql';
import { counts } from '../../src/lib/db/queries/counts';
import { eventDetails } from '../../src/lib/db/queries/details';
import { eventRows } from '../../src/lib/db/queries/event-rows';
import {
	checkMapping,
	cleanMessage,
	commitImport,
	stageFile,
	type ImportDeps
} from '../../src/lib/ingest/importer';
import { decodeMapping, type Mapping } from '../../src/lib/ingest/mapping';
import { suggestMapping } from '../../src/lib/ingest/suggest';
import { validateDataset } from '../../src/lib/model/validate';
import { NO_FILTER } from '../../src/lib/state/filter';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';
import { startNodeDuckDB } from '../helpers/node-duckdb';
import { nodeParquet, parquetOf, workerParquet } from '../helpers/parquet';

const IMPORTS = join(FIXTURES, 'import');
const fixture = (name: string) => new Blob([readFileSync(join(IMPORTS, name))]);
const mini = validateDataset(readCsvDataset(join(FIXTURES, 'mini'))).dataset;
const byDate = { key: 'date', descending: false } as const;

let db: Connector;
let deps: ImportDeps;
const never = new AbortController().signal;
const quiet = () => undefined;

beforeEach(async () => {
	db = await startNodeDuckDB();
	await loadDataset(db, mini);
	deps = { db, parquet: async () => nodeParquet };
});

async function importWith(name: string, mapping?: Mapping) {
	const staged = await stageFile(deps, fixture(name), name, never, quiet);
	const report = await checkMapping(db, mapping ?? suggestMapping(staged.columns), never);
	return { staged, report };
}

describe('staging a file', () => {
	it('reads a semicolon CSV with a BOM and quoted cells, and suggests a mapping', async () => {
		const staged = await stageFile(deps, fixture('events-semicolon.csv'), 'x.csv', never, quiet);
		expect(staged.format).toBe('csv');
		expect(staged.rows).toBe(6);
		expect(staged.columns.map((c) => c.name)).toEqual([
			'Event ID',
			'Date',
			'Actor',
			'Target',
			'Type',
			'Headline',
			'URL'
		]);
		expect(staged.preview[0]![3]).toBe('Sichuan Juxinhe; Yin Kecheng');
		expect(staged.preview[0]![5]).toBe('Treasury sanctions a firm; "quoted"');
		expect(suggestMapping(staged.columns).fields).toEqual({
			id: { column: 'Event ID' },
			date: { column: 'Date' },
			actors: { column: 'Actor' },
			targets: { column: 'Target' },
			lever: { column: 'Type' },
			title: { column: 'Headline' },
			source_url: { column: 'URL' }
		});
	});

	it('reads JSON objects holding an array, and newline-delimited JSON', async () => {
		const json = await stageFile(deps, fixture('events.json'), 'e.json', never, quiet);
		expect(json).toMatchObject({ format: 'json', rows: 3 });
		expect(json.columns.map((c) => c.name)).toEqual([
			'id',
			'when',
			'who',
			'whom',
			'category',
			'title',
			'note'
		]);
		const ndjson = await stageFile(deps, fixture('events.ndjson'), 'e.ndjson', never, quiet);
		expect(ndjson).toMatchObject({ format: 'json', rows: 2 });
	});

	it('refuses empty, header-only, binary and truncated files with a clear message', async () => {
		await expect(stageFile(deps, fixture('empty.csv'), 'e.csv', never, quiet)).rejects.toThrow(
			'The file is empty.'
		);
		await expect(
			stageFile(deps, fixture('header-only.csv'), 'h.csv', never, quiet)
		).rejects.toThrow('no rows');
		await expect(stageFile(deps, fixture('garbage.bin'), 'g.bin', never, quiet)).rejects.toThrow(
			'binary data'
		);
		const parquet = parquetOf({ a: ['x', 'y'] });
		const truncated = parquet.slice(0, parquet.size - 10);
		await expect(stageFile(deps, truncated, 't.parquet', never, quiet)).rejects.toThrow(
			'This Parquet file is damaged or incomplete'
		);
		await expect(
			stageFile(deps, new Blob(['{"events": 5}']), 'x.json', never, quiet)
		).rejects.toThrow('no array of objects');
	});

	it('reads Windows-1252 CSV (curly quotes, dashes, euro) and UTF-16 JSON', async () => {
		const text = 'date,actors,title\n2025,Société Générale,“Quoted” – 5 €\n';
		const cp1252 = Uint8Array.from(text, (char) =>
			char === '“'
				? 0x93
				: char === '”'
					? 0x94
					: char === '–'
						? 0x96
						: char === '€'
							? 0x80
							: char.charCodeAt(0)
		);
		const csv = await stageFile(deps, new Blob([cp1252]), 'w.csv', never, quiet);
		expect(csv.preview[0]).toEqual(['2025', 'Société Générale', '“Quoted” – 5 €']);

		const json = '[{"date":"2025","actors":"Zoë"}]';
		const utf16 = Uint8Array.from([
			0xff,
			0xfe,
			...new Uint8Array(Uint16Array.from(json, (c) => c.charCodeAt(0)).buffer)
		]);
		const staged = await stageFile(deps, new Blob([utf16]), 'u.json', never, quiet);
		expect(staged.preview[0]).toEqual(['2025', 'Zoë']);
	});

	it('says what is wrong in words, not in the engine’s or the parser’s terms', async () => {
		const message = async (bytes: string | Uint8Array, name: string) =>
			stageFile(deps, new Blob([bytes as BlobPart]), name, never, quiet).then(
				() => 'staged',
				(error: unknown) => cleanMessage(error)
			);
		expect(await message('"', 'q.csv')).toBe(
			'This CSV file cannot be read: its rows and columns cannot be made out. Check that every quote is closed and that one delimiter separates the cells.'
		);
		expect(await message(Uint8Array.from([0xff, 0xff, 0xff, 0xff]), 'x.arrow')).toBe(
			'This Arrow file is damaged or incomplete (it holds no columns).'
		);
		const deep = `[{"date":"2025","actors":"x","deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}]`;
		expect(await message(deep, 'd.json')).toBe(
			'Item 1 of the JSON, field “deep”, is nested too deeply to import.'
		);
		expect(await message('{"a":1}\n{"a":2}\n\u0001', 'n.json')).not.toContain('\u0001');
	});

	it('keeps lines with too many or too few cells aside, with their line number', async () => {
		const staged = await stageFile(deps, fixture('ragged.csv'), 'r.csv', never, quiet);
		expect(staged.rows).toBe(2);
		expect(staged.readerRejects.map((r) => r.line)).toEqual([3, 5]);
		expect(staged.readerRejects[0]!.message).toMatch(/column/i);
	});

	it('stops when cancelled', async () => {
		const controller = new AbortController();
		controller.abort(new Error('Import cancelled'));
		await expect(
			stageFile(deps, fixture('events-semicolon.csv'), 'x.csv', controller.signal, quiet)
		).rejects.toThrow('Import cancelled');
	});
});

// The same importer with parquet-wasm on the page (as in Node) and in a worker (as in browsers).
describe.each([
	['on the page', () => nodeParquet],
	['in a worker', () => workerParquet().parquet]
])('Parquet decoded %s', (_, reader) => {
	beforeEach(() => {
		deps = { db, parquet: async () => reader() };
	});

	it('reads it, keeping its types', async () => {
		const file = parquetOf({
			day: ['2025-01-01', '2025-01-02'],
			who: ['US', 'China'],
			n: Int32Array.from([1, 2])
		});
		const staged = await stageFile(deps, file, 'x.parquet', never, quiet);
		expect(staged).toMatchObject({ format: 'parquet', rows: 2 });
		expect(staged.columns.find((c) => c.name === 'n')?.type).toBe('INTEGER');
	});

	it('reads a large file in batches, reporting progress, with every row in order', async () => {
		const rows = 200_000;
		const file = parquetOf(
			{
				n: Int32Array.from({ length: rows }, (_, i) => i),
				who: Array.from({ length: rows }, (_, i) => `a${i % 7}`)
			},
			120_000
		);
		const fractions: number[] = [];
		const staged = await stageFile(deps, file, 'big.parquet', never, (progress) => {
			if (progress.fraction !== undefined) fractions.push(progress.fraction);
		});
		expect(staged.rows).toBe(rows);
		// Two row groups, each in more than one batch.
		expect(fractions.length).toBeGreaterThan(2);
		expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
		expect(fractions.at(-1)).toBe(1);
		const [check] = await db.query<{ n: number; first: number; last: number; misplaced: number }>(
			sql`SELECT count(*) AS n, min(n) AS first, max(n) AS last,
				    count(*) FILTER (WHERE n <> __row - 1) AS misplaced FROM import_raw`
		);
		expect(check).toEqual({ n: rows, first: 0, last: rows - 1, misplaced: 0 });
	});

	it('stops between batches when cancelled', async () => {
		const rows = 200_000;
		const file = parquetOf({ n: Int32Array.from({ length: rows }, (_, i) => i) });
		const controller = new AbortController();
		const fractions: number[] = [];
		const staging = stageFile(deps, file, 'big.parquet', controller.signal, (progress) => {
			if (progress.fraction === undefined) return;
			fractions.push(progress.fraction);
			controller.abort(new Error('Import cancelled'));
		});
		await expect(staging).rejects.toThrow('Import cancelled');
		expect(fractions).toHaveLength(1);
		expect(fractions[0]).toBeLessThan(1);
	});
});

describe('the validation report', () => {
	it('keeps good rows and rejects bad ones with row, field, value and reason', async () => {
		const { report } = await importWith('events-semicolon.csv');
		expect(report).toMatchObject({ total: 6, kept: 2, rejected: 4, warnings: 1 });
		expect(report.issues.map((i) => [i.row, i.severity, i.field, i.value])).toEqual([
			[2, 'warning', 'source_url', 'javascript:alert(1)'],
			[3, 'error', 'date', '2025-02-30'],
			[4, 'error', 'id', 'x1'],
			[5, 'error', 'date', null],
			[6, 'error', 'actors', null]
		]);
		expect(report.issues.find((i) => i.field === 'id')?.message).toBe('duplicates the id of row 1');
	});

	it('maps a file slice by slice into the same rows as in one statement', async () => {
		const { staged } = await importWith('events-semicolon.csv');
		const mapping = suggestMapping(staged.columns);
		const mapped = () =>
			db.query(sql`SELECT * EXCLUDE (date_parsed, end_date_parsed, source_date_parsed),
			  CAST(date_parsed AS VARCHAR) AS date_parsed FROM import_mapped ORDER BY rowid`);
		const whole = await mapped();
		const slices = buildMappedStatements(mapping, staged.rows, 2);
		expect(slices).toHaveLength(3);
		for (const statement of slices) await db.run(statement);
		expect(whole).toHaveLength(6);
		expect(await mapped()).toEqual(whole);
	});

	it('asks for the order of day/month dates and reads them once given', async () => {
		const unset = await importWith('dates-dmy.tsv');
		expect(unset.staged.format).toBe('csv');
		// 25/12/2024 can only be day-first, so the suggestion already says so.
		expect(suggestMapping(unset.staged.columns).dateOrder).toBe('dmy');
		const asked = await checkMapping(
			db,
			{ ...suggestMapping(unset.staged.columns), dateOrder: 'unset' },
			never
		);
		expect(asked.rejected).toBe(2);
		expect(unset.report.rejected).toBe(0);
		await checkMapping(db, suggestMapping(unset.staged.columns), never);
		await commitImport(db);
		const rows = await eventRows(db, NO_FILTER, byDate, 10);
		expect(rows.map((r) => r.date)).toEqual(['2024-12-25', '2025-11-03']);
	});
});

describe('committing an import', () => {
	it('replaces the dataset with the kept rows: lists split, precision kept, titles made', async () => {
		await importWith('events-semicolon.csv');
		await commitImport(db);
		expect(await counts(db, NO_FILTER)).toEqual({ events: 2, actors: 4, edges: 2 });
		const rows = await eventRows(db, NO_FILTER, byDate, 10);
		expect(rows.map((r) => [r.id, r.date, r.date_precision, r.targets, r.source_url])).toEqual([
			['x1', '2025-01-17', 'day', ['Sichuan Juxinhe', 'Yin Kecheng'], 'https://example.org/a'],
			['x2', '2025-02', 'month', [], null]
		]);
		// No tags is an empty list, as in the shipped data, which the details panel reads.
		expect((await eventDetails(db, 'x1'))?.tags).toEqual([]);
	});

	it('keeps every http(s) source link, and only those', async () => {
		const csv = [
			'id,date,actors,source_url',
			'a,2025,US,https://www.reuters.com/world/us-sanctions',
			'b,2025,US,HTTPS://EXAMPLE.ORG/S',
			'c,2025,US,javascript:alert(1)',
			'd,2025,US,https://example.org/with space'
		].join('\n');
		const staged = await stageFile(deps, new Blob([csv]), 'l.csv', never, quiet);
		const report = await checkMapping(db, suggestMapping(staged.columns), never);
		expect(report.issues.map((i) => [i.row, i.field])).toEqual([
			[3, 'source_url'],
			[4, 'source_url']
		]);
		await commitImport(db);
		const rows = await eventRows(db, NO_FILTER, byDate, 10);
		expect(rows.map((r) => r.source_url)).toEqual([
			'https://www.reuters.com/world/us-sanctions',
			'HTTPS://EXAMPLE.ORG/S',
			null,
			null
		]);
	});

	it('trims every kind of white space, as JavaScript does, so ids match the URL', async () => {
		const csv = 'id,date,actors\n"\tx1\u3000",2025,"\u00a0US ; \tChina\t"\n';
		const staged = await stageFile(deps, new Blob([csv]), 't.csv', never, quiet);
		await checkMapping(db, suggestMapping(staged.columns), never);
		await commitImport(db);
		const rows = await eventRows(db, NO_FILTER, byDate, 10);
		expect(rows.map((r) => [r.id, r.actors])).toEqual([['x1', ['US', 'China']]]);
	});

	it('takes JSON arrays as lists, timestamps and year numbers as dates, and a constant lever', async () => {
		const staged = await stageFile(deps, fixture('events.json'), 'e.json', never, quiet);
		const mapping = decodeMapping('id:id,date:when,actors:who,targets:whom,lever:=export_controls');
		const report = await checkMapping(db, mapping, never);
		expect(report).toMatchObject({ kept: 3, rejected: 0 });
		expect(staged.rows).toBe(3);
		await commitImport(db);
		const rows = await eventRows(db, NO_FILTER, byDate, 10);
		expect(rows.map((r) => [r.id, r.date, r.actors, r.targets, r.lever, r.title])).toEqual([
			['j3', '2019', ['China'], [], 'export_controls', 'China · export_controls'],
			[
				'j1',
				'2025-11-03',
				['US', 'Japan'],
				['China'],
				'export_controls',
				'US, Japan → China · export_controls'
			],
			['j2', '2025-11-03', ['China'], [], 'export_controls', 'China · export_controls']
		]);
	});

	it('leaves the current dataset untouched when nothing is committed or the commit fails', async () => {
		await importWith('events-semicolon.csv');
		expect(await counts(db, NO_FILTER)).toEqual({ events: 4, actors: 4, edges: 5 });
		const failing: Connector = {
			...db,
			run: async (statement, signal) => {
				if (statement.text.includes('staged_events AS')) throw new Error('out of memory');
				return db.run(statement, signal);
			}
		};
		await expect(commitImport(failing)).rejects.toThrow('out of memory');
		expect(await counts(db, NO_FILTER)).toEqual({ events: 4, actors: 4, edges: 5 });

		// A failure inside the swap, once the new tables are renamed into place, undoes it all.
		await importWith('events-semicolon.csv');
		const failingSwap: Connector = {
			...db,
			exec: (statements) =>
				db.exec(
					statements.includes('RENAME TO')
						? statements.replace('COMMIT;', "SELECT error('out of memory'); COMMIT;")
						: statements
				)
		};
		await expect(commitImport(failingSwap)).rejects.toThrow('out of memory');
		expect(await counts(db, NO_FILTER)).toEqual({ events: 4, actors: 4, edges: 5 });
		expect(await eventRows(db, NO_FILTER, byDate, 10)).toHaveLength(4);
	});
});

describe('cleanMessage', () => {
	it('keeps the first line, without the error class, DuckDB’s JSON wrapper or control characters', () => {
		expect(cleanMessage(new Error('Invalid Input Error: bad cell\nLINE 1: SELECT'))).toBe(
			'bad cell'
		);
		expect(
			cleanMessage(
				new Error('{"exception_type":"Invalid Input","exception_message":"must have a column"}')
			)
		).toBe('must have a column');
		expect(cleanMessage(new Error('{not json'))).toBe('{not json');
		expect(cleanMessage(new Error("Unexpected token '\u0000'"))).toBe("Unexpected token '\uFFFD'");
		expect(cleanMessage('plain')).toBe('plain');
	});
});
