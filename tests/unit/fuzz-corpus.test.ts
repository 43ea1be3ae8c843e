import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import { decodeMapping, encodeMapping, type Mapping } from '../../src/lib/ingest/mapping';
import { FIXTURES } from '../helpers/fixtures';
import { importAsFarAsItGoes } from '../helpers/fuzz-import';
import { checkMappingCodec, checkUrlCodec } from '../helpers/fuzz-properties';
import { startNodeDuckDB } from '../helpers/node-duckdb';

/**
 * Replays every input that fuzzing once found failing (tests/fixtures/fuzz-corpus/), with the
 * same checks as the fuzz suites, so a fixed bug stays fixed whatever seed CI runs with.
 */
const CORPUS = join(FIXTURES, 'fuzz-corpus');

interface Entry {
	/** What went wrong before the fix. */
	found: string;
	input?: string;
	mapping?: Mapping;
	/**
	 * A file under import/, and whether it now imports or is refused (readably, either way), with
	 * the suggested mapping or `mapping`.
	 */
	file?: string;
	outcome?: 'checked' | 'refused';
	/** Part of the message a refusal must give. */
	message?: string;
}

const entries = (file: string): Entry[] =>
	JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as Entry[];

describe('fuzz corpus: URL queries', () => {
	it.each(entries('url.json'))('$found', ({ input }) => {
		checkUrlCodec(input!);
	});
});

describe('fuzz corpus: map= values and mappings', () => {
	it.each(entries('mapping.json'))('$found', ({ input, mapping }) => {
		if (input !== undefined) checkMappingCodec(input);
		if (mapping) expect(decodeMapping(encodeMapping(mapping))).toEqual(mapping);
	});
});

describe('fuzz corpus: import files', () => {
	let db: Connector;
	beforeAll(async () => {
		db = await startNodeDuckDB();
	});

	it.each(entries('import.json'))('$file: $found', async ({ file, outcome, mapping, message }) => {
		const bytes = new Uint8Array(readFileSync(join(CORPUS, 'import', file!)));
		const result = await importAsFarAsItGoes(db, bytes, file!, mapping);
		expect(result.outcome).toBe(outcome);
		if (message) expect(result).toMatchObject({ message: expect.stringContaining(message) });
	});
});
