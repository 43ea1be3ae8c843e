import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/ingest/csv';
import { csvCell, toCsv } from '../../src/lib/export/csv';

describe('csvCell', () => {
	it('leaves plain text alone and writes missing values as empty cells', () => {
		expect(csvCell('Alpha sanctions')).toBe('Alpha sanctions');
		expect(csvCell('2024-05-03')).toBe('2024-05-03');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
		expect(csvCell('')).toBe('');
	});

	it('quotes cells with commas, quotes or line breaks, doubling inner quotes', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "no"')).toBe('"say ""no"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
	});

	it('neutralises cells a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
			`"'=HYPERLINK(""http://evil.example"",""x"")"`
		);
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\t=1')).toBe("'\t=1");
		expect(csvCell('\r=1')).toBe(`"'\r=1"`);
		// Only the first character matters.
		expect(csvCell('a=b')).toBe('a=b');
		expect(csvCell("'quoted")).toBe("'quoted");
	});
});

describe('toCsv', () => {
	it('writes a header and one CRLF-terminated line per row', () => {
		expect(
			toCsv(
				['id', 'title'],
				[
					['e1', 'One'],
					['e2', null]
				]
			)
		).toBe('id,title\r\ne1,One\r\ne2,\r\n');
	});

	it('round-trips awkward text through an RFC 4180 parser', () => {
		const titles = ['comma, inside', 'quote " inside', 'line\nbreak', '  spaces  ', 'ünïcödé – ok'];
		const parsed = parseCsv(
			toCsv(
				['id', 'title'],
				titles.map((title, i) => [`e${i}`, title])
			)
		);
		expect(parsed.map((row) => row.title)).toEqual(titles);
	});
});
