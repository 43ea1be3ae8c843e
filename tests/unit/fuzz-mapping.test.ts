import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	decodeMapping,
	encodeMapping,
	EVENT_FIELDS,
	type FieldSource,
	type Mapping
} from '../../src/lib/ingest/mapping';
import { anyText, fuzzParams, HOSTILE_STRINGS } from '../helpers/fuzz';
import { checkMappingCodec } from '../helpers/fuzz-properties';

const KEYS = [...EVENT_FIELDS, 'sep', 'dates', '__proto__', 'constructor', ''];

/** `map=` values as a link carries them: `field:value` pairs, some well formed, most not. */
const mapText = fc.oneof(
	{
		weight: 3,
		arbitrary: fc
			.array(
				fc.tuple(
					fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, anyText(8)),
					fc.oneof(
						anyText(),
						fc.constantFrom(...HOSTILE_STRINGS),
						anyText().map((text) => `=${text}`),
						fc.constantFrom('dmy', 'mdy', '%3D', '=', '%3Dx', '%5C', '%5C%3D')
					)
				),
				{ maxLength: 10 }
			)
			.map((parts) => parts.map(([key, value]) => `${key}:${value}`).join(','))
	},
	anyText(200)
);

/** Names and constants that survive a URL: well-formed text, not empty. */
const name = fc
	.oneof(anyText(30), fc.constantFrom(...HOSTILE_STRINGS, '=total', '\\=x', '\\', '=', '%3D'))
	.map((text) => text.toWellFormed())
	.filter((text) => text !== '');

const source: fc.Arbitrary<FieldSource> = fc.oneof(
	name.map((column) => ({ column })),
	name.map((constant) => ({ constant }))
);

const mapping: fc.Arbitrary<Mapping> = fc.record({
	fields: fc
		.uniqueArray(fc.constantFrom(...EVENT_FIELDS))
		.chain((fields) => fc.tuple(...fields.map((field) => source.map((s) => [field, s] as const))))
		.map((entries) => Object.fromEntries(entries)),
	listSeparator: fc.oneof(
		fc.constantFrom(';', ',', '|', '/', '::', '\\'),
		name.map((text) => [...text].slice(0, 3).join(''))
	),
	dateOrder: fc.constantFrom('dmy', 'mdy', 'unset')
});

describe('mapping codec under fuzzing', () => {
	it('decodes any map= text, and encoding what it read reads back the same', () => {
		fc.assert(fc.property(mapText, checkMappingCodec), fuzzParams(4000));
	});

	it('round-trips every mapping: each column and constant comes back as it was', () => {
		fc.assert(
			fc.property(mapping, (m) => {
				expect(decodeMapping(encodeMapping(m))).toEqual(m);
			}),
			fuzzParams(3000)
		);
	});
});
