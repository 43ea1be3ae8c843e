import {
	DATE_FIELDS,
	EVENT_FIELDS,
	LIST_FIELDS,
	type FieldSource,
	type Mapping
} from '$lib/ingest/mapping';
import { STATUSES } from '$lib/model/statuses';
import { quoteIdent } from './identifiers';
import type { TextSources } from './load';
import { join, list, raw, sql, type Sql } from './sql';

/**
 * The SQL of an import. The file becomes `import_raw` (every value kept, a `__row` number
 * added); the mapping turns it into `import_mapped`; checks fill `import_issues`; and only on
 * confirmation are the staged tables built from the rows without errors and swapped in.
 * Nothing here touches the loaded dataset.
 */

export const RAW = 'import_raw';
export const SOURCE = 'import_source';
export const REJECTS = 'import_rejects';

export interface CsvOptions {
	delimiter: ',' | ';' | '\t' | '|';
	encoding: 'utf-8' | 'utf-16' | 'latin-1';
}

const DELIMITERS = { ',': "','", ';': "';'", '\t': "'\\t'", '|': "'|'" } as const;

/**
 * Reads a registered CSV file with DuckDB's reader, every value as text. Rows that do not
 * parse (e.g. more cells than the header) are kept aside in `import_rejects` with their line.
 * `file` is a name this module's caller generated, never a person's text.
 */
export function buildCsvSourceStatement(file: string, options: CsvOptions): Sql {
	if (!/^[a-z0-9_.-]+$/.test(file)) throw new Error(`Unexpected file name ${file}`);
	return sql`CREATE OR REPLACE TABLE ${raw(SOURCE)} AS
SELECT * FROM read_csv('${raw(file)}', all_varchar = true, header = true, delim = ${raw(DELIMITERS[options.delimiter])},
  quote = '"', escape = '"', null_padding = false, ignore_errors = true, store_rejects = true,
  rejects_table = '${raw(REJECTS)}', rejects_scan = 'import_rejects_scan',
  encoding = '${raw(options.encoding)}', sample_size = 20480)`;
}

/**
 * Numbers the rows in file order. A view over the insertion order, not a copy: millions of
 * rows must fit in the browser's memory several times over during an import, not once more.
 */
export const NUMBER_ROWS = sql`CREATE OR REPLACE VIEW ${raw(RAW)} AS SELECT rowid + 1 AS __row, * FROM ${raw(SOURCE)}`;

export const DESCRIBE_RAW = sql`SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${raw(RAW)}) WHERE column_name <> '__row'`;

export const COUNT_RAW = sql`SELECT count(*) AS n FROM ${raw(RAW)}`;

/** The first rows as text, for the preview and for suggesting a mapping. */
export function buildSampleQuery(columns: string[], limit: number): Sql {
	const cells = columns.map((c, i) => `CAST(${quoteIdent(c)} AS VARCHAR) AS c${i}`).join(', ');
	return sql`SELECT ${raw(cells || 'NULL AS c0')} FROM ${raw(RAW)} ORDER BY __row LIMIT ${limit}`;
}

/** Lines the CSV reader could not parse: line number and its reason. */
export const READER_REJECTS = sql`SELECT line, min(error_message) AS message FROM ${raw(REJECTS)} GROUP BY line ORDER BY line LIMIT 200`;

/**
 * What JavaScript's `trim()` removes. DuckDB's one-argument `trim` removes only spaces, which let
 * an id keep a leading tab that the URL codec then trimmed off, so its event could not be selected.
 */
const WHITESPACE =
	'\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

function text(source: FieldSource | undefined): Sql {
	if (!source) return sql`CAST(NULL AS VARCHAR)`;
	const value =
		'constant' in source
			? sql`CAST(${source.constant} AS VARCHAR)`
			: sql`CAST(${raw(quoteIdent(source.column))} AS VARCHAR)`;
	return sql`NULLIF(trim(${value}, ${WHITESPACE}), '')`;
}

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

function splitList(value: Sql, separator: string): Sql {
	// JSON arrays arrive joined by U+001F; a typed separator splits text cells.
	const pattern = `${escapeRegex(separator || ';')}|\u001f`;
	return sql`list_filter(list_transform(regexp_split_to_array(coalesce(${value}, ''), ${pattern}), x -> trim(x, ${WHITESPACE})), x -> x <> '')`;
}

/** One expression per field of the format, named as the field; dates become `lw_date` structs. */
function fieldExpressions(mapping: Mapping): Sql[] {
	return EVENT_FIELDS.map((field) => {
		const value = text(mapping.fields[field]);
		if (LIST_FIELDS.has(field))
			return sql`${splitList(value, mapping.listSeparator)} AS ${raw(field)}`;
		if (DATE_FIELDS.has(field)) {
			return sql`${value} AS ${raw(`${field}_raw`)}, lw_date(${value}, ${mapping.dateOrder}) AS ${raw(`${field}_parsed`)}`;
		}
		return sql`${value} AS ${raw(field)}`;
	});
}

/**
 * Raw rows mapped per statement. DuckDB builds a statement's new rows uncompressed and
 * compresses them when it commits, so one statement over three million rows held ~880 MB at
 * its peak, wasm memory the browser never gets back; slices of this size hold a sixth of that.
 */
export const MAPPED_SLICE_ROWS = 500_000;

/**
 * Applies a mapping to the `rows` raw rows: `import_mapped`, one row per raw row, nothing
 * dropped, built by a statement per slice of `sliceRows` rows, run in turn.
 * (A backslash in this template must be doubled: the tag reads the cooked text, where `\s` is `s`.)
 */
export function buildMappedStatements(
	mapping: Mapping,
	rows: number,
	sliceRows = MAPPED_SLICE_ROWS
): Sql[] {
	const statements: Sql[] = [];
	for (let first = 1; first === 1 || first <= rows; first += sliceRows) {
		const into =
			first === 1 ? sql`CREATE OR REPLACE TABLE import_mapped AS` : sql`INSERT INTO import_mapped`;
		statements.push(sql`${into}
WITH cells AS (
  SELECT __row, ${join(fieldExpressions(mapping), ', ')} FROM ${raw(RAW)}
  WHERE __row BETWEEN ${first} AND ${first + sliceRows - 1})
SELECT __row,
  coalesce(id, 'row-' || __row) AS id,
  date_raw, date_parsed, end_date_raw, end_date_parsed,
  coalesce(title, array_to_string(actors, ', ')
    || CASE WHEN len(targets) > 0 THEN ' → ' || array_to_string(targets, ', ') ELSE '' END
    || CASE WHEN lever IS NOT NULL THEN ' · ' || lever ELSE '' END) AS title,
  summary, actors, targets, lever, lever_id, status, source,
  source_url AS source_url_raw,
  CASE WHEN regexp_full_match(lower(source_url), 'https?://[^\\s]+') THEN source_url END AS source_url,
  source_date_raw, source_date_parsed, quote, tags
FROM cells`);
	}
	return statements;
}

export const BUILD_ISSUES = sql`CREATE OR REPLACE TABLE import_issues AS
SELECT __row AS row, 'error' AS severity, 'date' AS field, date_raw AS value,
  CASE WHEN date_raw IS NULL THEN 'is required but empty'
       ELSE 'not a date; expected e.g. 2025-11-03, 2025-11, 2025, a timestamp, or day/month/year with its order chosen' END AS message
FROM import_mapped WHERE date_raw IS NULL OR date_parsed.precision = 'invalid'
UNION ALL
SELECT __row, 'error', 'actors', NULL, 'needs at least one actor' FROM import_mapped WHERE len(actors) = 0
UNION ALL
SELECT __row, 'error', 'end_date', end_date_raw, 'not a date' FROM import_mapped WHERE end_date_parsed.precision = 'invalid'
UNION ALL
SELECT __row, 'error', 'end_date', end_date_raw, 'is before the date ' || date_raw FROM import_mapped
WHERE end_date_parsed.last < date_parsed.first
UNION ALL
SELECT __row, 'error', 'id', id, 'duplicates the id of row ' || first_row FROM (
  SELECT __row, id, min(__row) OVER (PARTITION BY id) AS first_row FROM import_mapped) WHERE __row > first_row
UNION ALL
SELECT __row, 'warning', 'source_url', source_url_raw, 'not an http(s) link; it is left out'
FROM import_mapped WHERE source_url_raw IS NOT NULL AND source_url IS NULL
UNION ALL
SELECT __row, 'warning', 'source_date', source_date_raw, 'not a date; it is left out'
FROM import_mapped WHERE source_date_parsed.precision = 'invalid'
UNION ALL
SELECT __row, 'warning', 'status', status, 'not a known status; shown as written'
FROM import_mapped WHERE status IS NOT NULL AND status NOT IN (${list([...STATUSES])})`;

export const REPORT_COUNTS = sql`SELECT
  (SELECT count(*) FROM import_mapped) AS total,
  (SELECT count(DISTINCT row) FROM import_issues WHERE severity = 'error') AS rejected,
  (SELECT count(*) FROM import_issues WHERE severity = 'warning') AS warnings,
  (SELECT count(*) FROM import_issues) AS issues`;

export function buildIssuesQuery(limit: number): Sql {
	return sql`SELECT row, severity, field, value, message FROM import_issues ORDER BY row, severity, field LIMIT ${limit}`;
}

const UNIT = '\u001f';

/**
 * The kept rows as the text `stageTyped` reads (DuckDB's `array_to_string` of an empty list
 * is NULL, not '', hence the coalesce): views, so that the typed staged tables are the only copy.
 */
const KEPT_TEXT = `
CREATE OR REPLACE VIEW import_kept AS
  SELECT * FROM import_mapped WHERE __row NOT IN (SELECT row FROM import_issues WHERE severity = 'error');
CREATE OR REPLACE VIEW import_text_events AS
  SELECT id, CAST(__row AS INTEGER) AS ord, lw_date_text(date_parsed) AS date,
         date_parsed.precision AS date_precision, strftime(date_parsed.first, '%Y-%m-%d') AS start_day,
         lw_date_text(end_date_parsed) AS end_date,
         strftime(coalesce(end_date_parsed.last, date_parsed.last), '%Y-%m-%d') AS end_day,
         title, summary, lever, lever_id, status, source, source_url,
         CASE WHEN source_date_parsed.precision <> 'invalid' THEN lw_date_text(source_date_parsed) END AS source_date,
         quote, coalesce(array_to_string(tags, '${UNIT}'), '') AS tags
  FROM import_kept;
CREATE OR REPLACE VIEW import_text_event_actors AS
  SELECT id AS event_id, unnest(actors) AS actor_id, 'actor' AS role, CAST(unnest(range(len(actors))) AS INTEGER) AS position,
         CAST(__row AS INTEGER) AS ord FROM import_kept
  UNION ALL
  SELECT id, unnest(targets), 'target', CAST(unnest(range(len(targets))) AS INTEGER), CAST(__row AS INTEGER)
  FROM import_kept WHERE len(targets) > 0;
`;

const DROP_KEPT_TEXT = `
DROP VIEW IF EXISTS import_text_event_actors; DROP VIEW IF EXISTS import_text_events; DROP VIEW IF EXISTS import_kept;
`;

/**
 * Readies the kept rows for `replaceDataset` (as `KEPT_TEXT_SOURCES`). The raw rows go first: the
 * mapping is settled, and at millions of rows each copy of them is hundreds of MB of the
 * browser's memory.
 */
export const PREPARE_STAGING = `
DROP VIEW IF EXISTS ${RAW}; DROP TABLE IF EXISTS ${SOURCE};
${KEPT_TEXT}
`;

export const KEPT_TEXT_SOURCES: TextSources = {
	events: 'import_text_events',
	eventActors: 'import_text_event_actors',
	// Actors and their events are known once the participants are staged.
	actors: `(SELECT DISTINCT actor_id AS id, actor_id AS name, CAST(NULL AS VARCHAR) AS kind,
     CAST(NULL AS VARCHAR) AS country, '' AS aliases, CAST(NULL AS VARCHAR) AS description
   FROM staged_event_actors)`,
	relations: `(SELECT CAST(NULL AS VARCHAR) AS from_id, CAST(NULL AS VARCHAR) AS to_id,
     CAST(NULL AS VARCHAR) AS kind, CAST(NULL AS VARCHAR) AS since, CAST(NULL AS VARCHAR) AS until,
     CAST(NULL AS VARCHAR) AS source, CAST(NULL AS VARCHAR) AS source_url WHERE false)`
};

export const DROP_IMPORT = `${DROP_KEPT_TEXT}
DROP TABLE IF EXISTS import_issues; DROP TABLE IF EXISTS import_mapped;
DROP VIEW IF EXISTS ${RAW}; DROP TABLE IF EXISTS ${SOURCE};
`;
