import { expect } from 'vitest';
import type { Connector } from '../../src/lib/db/connector';
import {
	checkMapping,
	cleanMessage,
	stageFile,
	type ImportDeps
} from '../../src/lib/ingest/importer';
import type { Mapping } from '../../src/lib/ingest/mapping';
import { suggestMapping } from '../../src/lib/ingest/suggest';
import { nodeParquet } from './parquet';

export const parquet = async () => nodeParquet;

/**
 * What a person sees when an import fails (the dialog shows `cleanMessage` of the error): one
 * readable sentence, not a stack, an object dump or the engine's internals.
 */
export function expectReadable(error: unknown): string {
	expect(error).toBeInstanceOf(Error);
	const message = cleanMessage(error);
	expect(message.trim()).not.toBe('');
	expect(message).not.toMatch(/\[object \w+\]|\n\s+at |INTERNAL Error|^undefined$|^null$/);
	expect(message).not.toMatch(/^(Error|TypeError|RangeError|RuntimeError|URIError): /);
	// An engine's structured error printed as JSON, or a JavaScript limit nobody can act on.
	expect(message).not.toMatch(/exception_type|^\s*\{|Maximum call stack|encoding is not supported/);
	// A JavaScript slip inside a library or the app, which says nothing about the file.
	expect(message).not.toMatch(/is not defined|is not a function|Cannot read properties of/);
	// The name under which the file was handed to DuckDB means nothing to the person.
	expect(message).not.toMatch(/lw_import_/);
	// Control characters from the file's bytes would show as nothing or as boxes.
	// eslint-disable-next-line no-control-regex -- control characters are what is looked for
	expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
	expect(message.length).toBeLessThan(600);
	return message;
}

/** What became of a file: checked, or refused with the message the person would read. */
export type Outcome = { outcome: 'checked' } | { outcome: 'refused'; message: string };

/**
 * Imports bytes as far as they go: staging and, when that succeeds, checking the suggested
 * mapping (or the one given). Either step may refuse the file, but only with a readable message.
 */
export async function importAsFarAsItGoes(
	db: Connector,
	bytes: Uint8Array,
	name: string,
	mapping?: Mapping
): Promise<Outcome> {
	const deps: ImportDeps = { db, parquet };
	const signal = new AbortController().signal;
	try {
		const staged = await stageFile(deps, new Blob([bytes as BlobPart]), name, signal, () => {});
		expect(staged.rows).toBeGreaterThan(0);
		await checkMapping(db, mapping ?? suggestMapping(staged.columns), signal);
		return { outcome: 'checked' };
	} catch (error) {
		return { outcome: 'refused', message: expectReadable(error) };
	}
}
