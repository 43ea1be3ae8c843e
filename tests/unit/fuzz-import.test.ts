import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { loadDataset } from '../../src/lib/db/load';
import { counts } from '../../src/lib/db/queries/counts';
import { validateDataset } from '../../src/lib/model/validate';
import { NO_FILTER } from '../../src/lib/state/filter';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';
import { anyText, fuzzParams, HOSTILE_STRINGS } from '../helpers/fuzz';
import { importAsFarAsItGoes } from '../helpers/fuzz-import';
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
		outcomes[await importAsFarAsItGoes(db, bytes, name)]++;
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
