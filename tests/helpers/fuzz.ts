import fc from 'fast-check';

/**
 * Settings for property-based fuzzing. The seed is fixed so that CI is deterministic; set
 * `FUZZ_SEED` to another number to explore other inputs, or to `random` for a new seed each run
 * (fast-check prints the seed and the shrunk counterexample of any failure, to replay it).
 */
const seedFromEnv = process.env.FUZZ_SEED;
export const FUZZ_SEED =
	seedFromEnv === 'random'
		? Date.now() ^ (Math.random() * 0x100000000)
		: seedFromEnv
			? Number(seedFromEnv)
			: 20261125;

/** Parameters for `fc.assert`; `FUZZ_RUNS_FACTOR` scales every suite's run count for longer hunts. */
export function fuzzParams<T>(numRuns: number): fc.Parameters<T> {
	const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? 1) || 1;
	return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * factor)) };
}

/** Payloads a hostile link or file would carry: SQL, markup, prototype keys, odd escapes. */
export const HOSTILE_STRINGS = [
	"'); DROP TABLE events; --",
	"' OR '1'='1",
	'"; DELETE FROM events; --',
	"Robert'); DROP TABLE events;--",
	'1; SELECT * FROM duckdb_settings()',
	"x' UNION SELECT * FROM events --",
	'%',
	'%E0%A4%A',
	'%ZZ',
	'%00',
	'\u0000',
	'%C0%AE',
	'%FF%FE',
	'%EF%BF%BF',
	'%F0%9F%98%80',
	'%D8%00',
	'__proto__',
	'constructor',
	'prototype',
	'hasOwnProperty',
	'toString',
	'<script>window.__pwned=1</script>',
	'<img src=x onerror="window.__pwned=1">',
	'javascript:window.__pwned=1',
	' JaVaScRiPt:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'\\',
	'\\\\',
	'\n',
	'\r\n',
	'\t',
	' ',
	'+',
	'&',
	'=',
	',',
	';',
	':',
	'?',
	'#',
	'\u2028',
	'\uFEFF',
	'\uD800',
	'\uDFFF',
	'😀',
	'é',
	'x'.repeat(5000)
];

/** Any UTF-16 text, including lone surrogates, which a postMessage query may carry. */
export const anyText = (maxLength = 60) =>
	fc.string({
		unit: fc.oneof(
			fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 50)),
			fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
			fc.string({ unit: 'grapheme', maxLength: 1 })
		),
		maxLength
	});
