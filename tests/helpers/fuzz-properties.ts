import { expect } from 'vitest';
import { decodeMapping, encodeMapping } from '../../src/lib/ingest/mapping';
import { decodeQuery, encodeQuery } from '../../src/lib/state/url';

/**
 * The properties every fuzzed input must keep, shared by the fuzz suites and the replay of
 * `tests/fixtures/fuzz-corpus/`, so a saved counterexample is checked exactly as it was found.
 */

/** Decoding never throws; the canonical form decodes to the same view and is a fixed point. */
export function checkUrlCodec(search: string): void {
	const query = decodeQuery(search);
	const canonical = encodeQuery(query);
	expect(decodeQuery(canonical)).toEqual(query);
	expect(encodeQuery(decodeQuery(canonical))).toBe(canonical);
	// Kept parameters (e.g. `data`) pass through unchanged, once and again.
	const kept = encodeQuery(query, search);
	expect(decodeQuery(kept)).toEqual(query);
	expect(encodeQuery(decodeQuery(kept), kept)).toBe(kept);
}

/** A `map=` value: decoding never throws, and encoding what it read reads back the same. */
export function checkMappingCodec(text: string): void {
	const mapping = decodeMapping(text);
	const encoded = encodeMapping(mapping);
	expect(decodeMapping(encoded)).toEqual(mapping);
	expect(encodeMapping(decodeMapping(encoded))).toBe(encoded);
}
