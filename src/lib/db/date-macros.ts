/**
 * Calendar dates from imported values, in SQL so that millions of rows are parsed inside
 * DuckDB. `lw_date(text, order)` reads the forms people's data comes in and keeps the
 * precision: `2025`, `2025.0` (a year read as a number), `2025-11`, `2025-11-03` or
 * `2025/11/03` with or without a time, `3/11/2025` as day/month/year or month/day/year as
 * the person confirms (`order` is 'dmy' or 'mdy'; anything else leaves such dates unread),
 * and Unix timestamps in seconds or milliseconds. It returns
 * `{ precision, first, last }`: precision 'year' | 'month' | 'day', or 'invalid' with NULL
 * days for a value it cannot read, or an impossible day such as 2025-02-30.
 * Timestamps become the UTC calendar day.
 */
export const DATE_MACROS = String.raw`
CREATE OR REPLACE MACRO lw_day(y, m, d) AS
  CAST(try_strptime(printf('%04d-%02d-%02d', y, m, d), '%Y-%m-%d') AS DATE);
CREATE OR REPLACE MACRO lw_part(s, pattern) AS TRY_CAST(regexp_extract(s, pattern, 1) AS INTEGER);
CREATE OR REPLACE MACRO lw_first(s, dateorder) AS (
  CASE
    WHEN regexp_full_match(s, '\d{4}(\.0+)?') THEN lw_day(lw_part(s, '^(\d{4})'), 1, 1)
    WHEN regexp_full_match(s, '\d{4}-\d{1,2}') THEN lw_day(lw_part(s, '^(\d{4})'), lw_part(s, '-(\d{1,2})$'), 1)
    WHEN regexp_full_match(s, '\d{4}[-/]\d{1,2}[-/]\d{1,2}([T ].*)?') THEN
      lw_day(lw_part(s, '^(\d{4})'), lw_part(s, '^\d{4}[-/](\d{1,2})'), lw_part(s, '^\d{4}[-/]\d{1,2}[-/](\d{1,2})'))
    WHEN regexp_full_match(s, '\d{1,2}[./-]\d{1,2}[./-]\d{4}') AND dateorder = 'dmy' THEN
      lw_day(lw_part(s, '(\d{4})$'), lw_part(s, '^\d{1,2}[./-](\d{1,2})'), lw_part(s, '^(\d{1,2})'))
    WHEN regexp_full_match(s, '\d{1,2}[./-]\d{1,2}[./-]\d{4}') AND dateorder = 'mdy' THEN
      lw_day(lw_part(s, '(\d{4})$'), lw_part(s, '^(\d{1,2})'), lw_part(s, '^\d{1,2}[./-](\d{1,2})'))
    WHEN regexp_full_match(s, '-?\d{9,10}') THEN CAST(epoch_ms(TRY_CAST(s AS BIGINT) * 1000) AS DATE)
    WHEN regexp_full_match(s, '-?\d{12,13}') THEN CAST(epoch_ms(TRY_CAST(s AS BIGINT)) AS DATE)
    ELSE NULL
  END);
CREATE OR REPLACE MACRO lw_precision(s) AS (
  CASE
    WHEN regexp_full_match(s, '\d{4}(\.0+)?') THEN 'year'
    WHEN regexp_full_match(s, '\d{4}-\d{1,2}') THEN 'month'
    ELSE 'day'
  END);
CREATE OR REPLACE MACRO lw_date(s, dateorder) AS (
  CASE
    WHEN s IS NULL THEN NULL
    WHEN lw_first(s, dateorder) IS NULL THEN
      {'precision': 'invalid', 'first': CAST(NULL AS DATE), 'last': CAST(NULL AS DATE)}
    ELSE {
      'precision': lw_precision(s),
      'first': lw_first(s, dateorder),
      'last': CASE lw_precision(s)
        WHEN 'year' THEN CAST(lw_first(s, dateorder) + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
        WHEN 'month' THEN last_day(lw_first(s, dateorder))
        ELSE lw_first(s, dateorder)
      END}
  END);
CREATE OR REPLACE MACRO lw_date_text(d) AS (
  CASE d.precision
    WHEN 'year' THEN strftime(d.first, '%Y')
    WHEN 'month' THEN strftime(d.first, '%Y-%m')
    ELSE strftime(d.first, '%Y-%m-%d')
  END);
`;
