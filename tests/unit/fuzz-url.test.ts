import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryFromMessage } from '../../src/lib/state/messages';
import { decodeQuery, encodeQuery, VIEW_PARAMS, type ViewQuery } from '../../src/lib/state/url';
import { anyText, fuzzParams, HOSTILE_STRINGS } from '../helpers/fuzz';
import { checkUrlCodec } from '../helpers/fuzz-properties';

const KEYS = [...VIEW_PARAMS, 'data', 'map', 'id', '__proto__', 'constructor'];

/** A value as a URL would carry it: raw, percent-encoded, or a list of either. */
const value = fc.oneof(
	anyText(),
	anyText().map((text) => {
		try {
			return encodeURIComponent(text);
		} catch {
			return text;
		}
	}),
	fc.array(anyText(12), { maxLength: 6 }).map((items) => items.join(',')),
	fc.constantFrom('2025', '2025-02', '2025-02-30', '0000-01-01', '9999-12-31', '-date', 'actor'),
	fc.constantFrom(...HOSTILE_STRINGS),
	// Around the 200-character cap on text values, where a cut can split a character or leave
	// a space at the end.
	fc
		.tuple(
			fc.integer({ min: 195, max: 205 }),
			fc.constantFrom(' ', ' x', '%20%20y', '😀', '%F0%9F%98%80', '\uD83D')
		)
		.map(([length, tail]) => 'a'.repeat(length - 1) + tail + tail + tail)
);

const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, anyText(10));

/** Query strings that look like the ones a link or a host's message would carry, and worse. */
const queryString = fc.oneof(
	{
		weight: 3,
		arbitrary: fc
			.array(fc.tuple(key, value, fc.boolean()), { maxLength: 12 })
			.chain((parts) =>
				fc
					.constantFrom('', '?')
					.map(
						(start) =>
							start + parts.map(([k, v, bare]) => (bare && v === '' ? k : `${k}=${v}`)).join('&')
					)
			)
	},
	anyText(200)
);

describe('URL codec under fuzzing', () => {
	it('decodes any query string, and encoding is canonical and idempotent', () => {
		fc.assert(fc.property(queryString, checkUrlCodec), fuzzParams(4000));
	});

	it('applies any host message query without throwing, and keeps the dataset parameters', () => {
		fc.assert(
			fc.property(queryString, queryString, (message, current) => {
				const search = queryFromMessage({ type: 'leverwatch:set-state', query: message }, current);
				expect(decodeQuery(search)).toEqual(decodeQuery(encodeQuery(decodeQuery(message))));
				const kept = new URLSearchParams(encodeQuery(decodeQuery(''), current));
				const after = new URLSearchParams(search);
				expect(after.getAll('data')).toEqual(kept.getAll('data'));
				expect(after.getAll('map')).toEqual(kept.getAll('map'));
			}),
			fuzzParams(2000)
		);
	});

	it('carries SQL fragments, quotes and markup as plain values', () => {
		const plain = fc
			.oneof(fc.constantFrom(...HOSTILE_STRINGS), anyText(40))
			.map((text) => text.toWellFormed().trim().slice(0, 200).trim())
			.filter((text) => text !== '');
		fc.assert(
			fc.property(plain, plain, (text, other) => {
				const query: ViewQuery = {
					...decodeQuery(''),
					filter: { actors: [text, other], levers: [text], status: [other], q: text },
					sel: other
				};
				const back = decodeQuery(encodeQuery(query));
				expect(back.filter.q).toBe(text);
				expect(back.sel).toBe(other);
				expect(back.filter.actors).toEqual(text === other ? [text] : [text, other]);
				expect(back.filter.levers).toEqual([text]);
				expect(back.filter.status).toEqual([other]);
			}),
			fuzzParams(2000)
		);
	});
});
