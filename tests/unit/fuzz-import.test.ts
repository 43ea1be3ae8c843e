import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { loadDataset } from '../../src/lib/db/load';
import { counts } from '../../src/lib/db/queries/counts';
import { eventDetails } from '../../src/lib/db/queries/details';
import { eventRows } from '../../src/lib/db/queries/event-rows';
import { networkRows } from '../../src/lib/db/queries/network';
import { datasetOptions } from '../../src/lib/db/queries/options';
import { timelineRows } from '../../src/lib/db/queries/timeline';
import { checkMapping, commitImport, stageFile } from '../../src/lib/ingest/importer';
import { EVENT_FIELDS } from '../../src/lib/ingest/mapping';
import { validateDataset } from '../../src/lib/model/validate';
import { NO_FILTER } from '../../src/lib/state/filter';
import { decodeQuery, encodeQuery, type ViewQuery } from '../../src/lib/state/url';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';
import { anyText, fuzzParams, HOSTILE_STRINGS } from '../helpers/fuzz';
import { expectReadable, importAsFarAsItGoes, parquet } from '../helpers/fuzz-import';
import { startNodeDuckDB } from '../helpers/node-duckdb';

/**
 * Malformed files of every kind through the importer's first two steps, in the same engine as
 * the browser: each one is either staged and checked, or refused with a readable message, and
 * the loaded dataset is the same afterwards.
 */

const utf8 = new TextEncoder();
const IMPORTS = join(FIXTURES, 'import');
const realFiles = readdirSync(IMPORTS).map((name) => ({
	name,
	bytes: new Uint8Array(readFileSync(join(IMPORTS, name)))
}));

/** Bytes that are not UTF-8: stray continuation bytes, overlong forms, surrogates, 0xFF. */
const BAD_UTF8 = [[0xff], [0xc3], [0x80], [0xc0, 0xae], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80]];

const NAMES = ['data.csv', 'data.tsv', 'data.json', 'data.ndjson', 'data.parquet', 'x', 'x.arrow'];
const fileName = fc.oneof(fc.constantFrom(...NAMES), anyText(20));

/** Damage done to a file's bytes: cuts, flips, NULs, invalid UTF-8, splices. */
const damage = fc.oneof(
	fc.nat().map((n) => (bytes: Uint8Array) => bytes.subarray(0, n % (bytes.length + 1))),
	fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([n, byte]) => (bytes: Uint8Array) => {
		const copy = bytes.slice();
		if (copy.length > 0) copy[n % copy.length] = byte;
		return copy;
	}),
	fc
		.tuple(fc.nat(), fc.constantFrom([0], [0, 0, 0], ...BAD_UTF8))
		.map(([n, insert]) => (bytes: Uint8Array) => {
			const at = n % (bytes.length + 1);
			return Uint8Array.from([...bytes.subarray(0, at), ...insert, ...bytes.subarray(at)]);
		}),
	fc
		.uint8Array({ maxLength: 64 })
		.map((tail) => (bytes: Uint8Array) => Uint8Array.from([...bytes, ...tail]))
);

const damaged = (files: fc.Arbitrary<Uint8Array>) =>
	fc
		.tuple(files, fc.array(damage, { maxLength: 4 }))
		.map(([bytes, steps]) => steps.reduce((b, step) => step(b), bytes));

const cellText = fc.oneof(anyText(20), fc.constantFrom(...HOSTILE_STRINGS));

/** Delimited text with a header: odd cells, quotes, ragged rows, any delimiter. */
const delimited = fc
	.record({
		delimiter: fc.constantFrom(',', ';', '\t', '|'),
		header: fc.array(fc.oneof(cellText, fc.constantFrom('date', 'actors', 'Date', 'DATE', '')), {
			minLength: 1,
			maxLength: 6
		}),
		rows: fc.array(fc.array(cellText, { maxLength: 7 }), { maxLength: 8 }),
		quote: fc.boolean(),
		newline: fc.constantFrom('\n', '\r\n', '\r')
	})
	.map(({ delimiter, header, rows, quote, newline }) => {
		const cell = (text: string) => (quote ? `"${text.replace(/"/g, '""')}"` : text);
		return [header, ...rows].map((row) => row.map(cell).join(delimiter)).join(newline);
	});

/** JSON documents: rows with hostile keys and values, nesting, scalars, wrong shapes. */
const jsonKey = fc.oneof(
	anyText(12),
	fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'date', 'Date', 'DATE', 'a', 'A')
);
const jsonDocument = fc.oneof(
	fc.array(fc.dictionary(jsonKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), {
		maxLength: 6
	}),
	fc.jsonValue({ maxDepth: 4 }),
	fc.dictionary(
		fc.constantFrom('events', 'data', 'rows', 'x'),
		fc.array(fc.dictionary(jsonKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }))
	)
);
const json = fc.oneof(
	jsonDocument.map((value) => JSON.stringify(value)),
	fc
		.array(jsonDocument, { maxLength: 4 })
		.map((lines) => lines.map((v) => JSON.stringify(v)).join('\n')),
	// JSON's own escape for NUL and lone surrogates, which survive JSON.parse into the data.
	fc.constantFrom(
		'[{"date":"2025","actors":"a\\u0000b","title":"\\ud800"}]',
		'[{"__proto__":{"polluted":1},"date":"2025","actors":"x"}]',
		'[{"constructor":"x","date":"2025","actors":"__proto__"}]'
	)
);

/** A value nested `depth` times in arrays or objects, inside a row. */
const nested = fc
	.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean(), fc.boolean())
	.map(([depth, arrays, closed]) => {
		const open = arrays ? '['.repeat(depth) : '{"a":'.repeat(depth);
		const close = closed ? (arrays ? ']'.repeat(depth) : '}'.repeat(depth)) : '';
		return `[{"date":"2025","actors":"x","deep":${open}1${close}}]`;
	});

/** One long value, in CSV or JSON: longer than DuckDB's default line limit, or much longer. */
const huge = fc
	.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.constantFrom('a', ' ', '"', ',', '\n'))
	.map(([megabytes, asJson, char]) => {
		const value = char.repeat(megabytes * 1024 * 512);
		return asJson
			? JSON.stringify([{ date: '2025', actors: 'x', title: value }])
			: `date,actors,title\n2025,x,"${value.replace(/"/g, '""')}"\n`;
	});

const textFile = (text: fc.Arbitrary<string>) =>
	text.chain((t) =>
		fc.constantFrom(
			utf8.encode(t),
			Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8.encode(t)]),
			Uint8Array.from([
				0xff,
				0xfe,
				...new Uint8Array(Uint16Array.from(t, (c) => c.charCodeAt(0)).buffer)
			])
		)
	);

const magic = fc
	.tuple(fc.constantFrom('PAR1', 'ARROW1', '\xff\xff\xff\xff'), fc.uint8Array({ maxLength: 300 }))
	.map(([head, rest]) => Uint8Array.from([...Array.from(head, (c) => c.charCodeAt(0)), ...rest]));

let db: Connector;
let before: Awaited<ReturnType<typeof counts>>;
const outcomes = { checked: 0, refused: 0 };

beforeAll(async () => {
	db = await startNodeDuckDB();
	await loadDataset(db, validateDataset(readCsvDataset(join(FIXTURES, 'mini'))).dataset);
	before = await counts(db, NO_FILTER);
});

afterAll(async () => {
	// Staging and checking never touch the loaded dataset, whatever the file.
	expect(await counts(db, NO_FILTER)).toEqual(before);
	console.info(
		`import fuzzing: ${outcomes.checked} files staged and checked, ${outcomes.refused} refused`
	);
});

const property = (files: fc.Arbitrary<Uint8Array>) =>
	fc.asyncProperty(files, fileName, async (bytes, name) => {
		outcomes[(await importAsFarAsItGoes(db, bytes, name)).outcome]++;
	});

/** Per case: no hang. A whole case takes milliseconds; huge ones well under a second. */
const params = (numRuns: number) => ({
	...fuzzParams<[Uint8Array, string]>(numRuns),
	timeout: 15_000
});

describe('importer under fuzzing', () => {
	it('random bytes and damaged magic numbers', async () => {
		await fc.assert(property(fc.oneof(fc.uint8Array({ maxLength: 600 }), magic)), params(150));
	}, 120_000);

	it('damaged copies of the real import fixtures', async () => {
		const real = fc.constantFrom(...realFiles.map((f) => f.bytes));
		await fc.assert(property(damaged(real)), params(150));
	}, 120_000);

	it('generated CSV and TSV, whole and damaged, in UTF-8, with a BOM and in UTF-16', async () => {
		await fc.assert(property(damaged(textFile(delimited))), params(150));
	}, 120_000);

	it('generated JSON and NDJSON, whole and damaged', async () => {
		await fc.assert(property(damaged(textFile(json))), params(150));
	}, 120_000);

	it('deeply nested JSON and huge values', async () => {
		await fc.assert(property(textFile(fc.oneof(nested, huge))), params(20));
	}, 120_000);
});

describe('any mapping of a hostile file, then any filter on what it loaded', () => {
	let own: Connector;
	let loaded = 0;
	beforeAll(async () => {
		own = await startNodeDuckDB();
	});
	afterAll(() => console.info(`mapping fuzzing: ${loaded} hostile datasets loaded and queried`));

	// JSON, so that NUL and other control characters reach the data (CSV with NULs is refused).
	const hostileJson = (rows: (string | string[])[][]) =>
		utf8.encode(
			JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))))
		);
	const row = fc.tuple(
		cellText,
		fc.constantFrom('2025', '2025-02-30', '2024-06', '03/11/2025', '', 'x'),
		fc.oneof(cellText, fc.array(cellText, { maxLength: 3 })),
		fc.oneof(cellText, fc.array(cellText, { maxLength: 3 })),
		cellText,
		cellText,
		fc.constantFrom('https://ok.example/', 'javascript:alert(1)', ' JaVaScRiPt:x', 'data:x', ''),
		cellText,
		cellText
	);
	const columns = [
		'id',
		'date',
		'actors',
		'targets',
		'title',
		'lever',
		'source_url',
		'__proto__',
		'a"b'
	];
	const fieldSource = fc.oneof(
		{ weight: 6, arbitrary: fc.constantFrom(...columns).map((column) => ({ column })) },
		// A column the file does not have, as an old link's mapping may name.
		{ weight: 1, arbitrary: anyText(10).map((column) => ({ column })) },
		{ weight: 3, arbitrary: cellText.map((constant) => ({ constant })) }
	);
	const mapping = fc.record({
		// Mostly the columns that make rows loadable, so that most cases reach the views' queries.
		fields: fc
			.tuple(
				fc.dictionary(fc.constantFrom(...EVENT_FIELDS), fieldSource, { maxKeys: 8 }),
				fc.oneof({ weight: 4, arbitrary: fc.constant({ column: 'date' }) }, fieldSource),
				fc.oneof({ weight: 4, arbitrary: fc.constant({ column: 'actors' }) }, fieldSource)
			)
			.map(([fields, date, actors]) => ({ ...fields, date, actors })),
		listSeparator: fc.oneof(fc.constantFrom(';', ',', '|', '/', '\\', '.*', '(', '['), anyText(3)),
		dateOrder: fc.constantFrom('dmy' as const, 'mdy' as const, 'unset' as const)
	});
	// Filters as the app gets them: through the URL codec, which hands the queries well-formed text.
	const filter = fc
		.tuple(
			fc.array(cellText, { maxLength: 3 }),
			fc.array(cellText, { maxLength: 3 }),
			fc.option(cellText),
			fc.constantFrom('', '2025', '2024-06', '9999-12-31'),
			fc.constantFrom('date', '-title', 'source', 'lever', '-status')
		)
		.map(([actors, levers, q, from, sort]) => {
			const query: ViewQuery = {
				...decodeQuery(`sort=${sort}&from=${from}`),
				filter: { actors, levers, status: levers, q: q ?? undefined }
			};
			return decodeQuery(encodeQuery(query));
		});

	it('checks, loads and queries without an uncaught error', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(row, { minLength: 1, maxLength: 6 }),
				mapping,
				filter,
				async (rows, m, view) => {
					const signal = new AbortController().signal;
					await stageFile(
						{ db: own, parquet },
						new Blob([hostileJson(rows)]),
						'h.json',
						signal,
						() => {}
					);
					let report;
					try {
						report = await checkMapping(own, m, signal);
					} catch (error) {
						expectReadable(error);
						return;
					}
					if (report.kept === 0) return;
					await commitImport(own);
					loaded++;
					const shown = await counts(own, view.filter);
					expect(shown.events).toBeLessThanOrEqual(report.kept);
					const table = await eventRows(own, view.filter, view.sort, 50);
					for (const event of table) {
						// A link is kept only when it is http(s); the views check again before rendering.
						if (event.source_url) expect(event.source_url).toMatch(/^https?:\/\//i);
					}
					await networkRows(own, view.filter, { actors: 100, links: 800 });
					await timelineRows(own, view.filter, 100);
					await datasetOptions(own);
					await eventDetails(own, table[0]?.id ?? '__proto__');
				}
			),
			{ ...fuzzParams(60), timeout: 15_000 }
		);
	}, 120_000);
});
