import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/lib/model/issues';
import { validateDataset } from '../../src/lib/model/validate';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';
import { join } from 'node:path';

const event = (fields: Record<string, unknown>) => ({
	id: 'e1',
	date: '2025-01-17',
	title: 'Something happened',
	actors: 'us',
	source: 'Agency',
	...fields
});

describe('validateDataset', () => {
	it('reads a valid dataset with no issues, lists split and precision kept', () => {
		const { dataset, issues } = validateDataset(readCsvDataset(join(FIXTURES, 'mini')), {
			requireSource: true
		});
		expect(issues).toEqual([]);
		expect(dataset.events).toHaveLength(4);
		const gamma = dataset.events.find((e) => e.id === 'e3')!;
		expect(gamma.actors).toEqual(['us', 'eu']);
		expect(gamma.targets).toEqual(['cn', 'ru']);
		expect(gamma.date.precision).toBe('year');
		expect(gamma.end_date?.last).toBe('2024-02-15');
		expect(gamma.tags).toEqual(['a', 'b']);
		expect(dataset.actors.find((a) => a.id === 'cn')?.aliases).toEqual([
			'PRC',
			"People's Republic of China"
		]);
	});

	it('names the row, field and value of a bad date and leaves that row out', () => {
		const result = validateDataset({
			events: [event({}), event({ id: 'e2', date: '2025-13-01' })]
		});
		expect(result.dataset.events.map((e) => e.id)).toEqual(['e1']);
		expect(result.rejected.events).toBe(1);
		expect(result.issues).toHaveLength(1);
		expect(describeIssue(result.issues[0]!)).toBe(
			'events row 2, field "date", value "2025-13-01": not a date; expected YYYY-MM-DD, YYYY-MM or YYYY'
		);
	});

	it('requires an id, a date, a title and an actor, and a source when asked', () => {
		const result = validateDataset(
			{ events: [{ id: '', date: '', title: ' ', actors: '', source: '' }] },
			{ requireSource: true }
		);
		const fields = result.issues.map((issue) => issue.field).sort();
		expect(fields).toEqual(['actors', 'date', 'id', 'source', 'title']);
		expect(result.issues.every((issue) => issue.severity === 'error' && issue.row === 1)).toBe(
			true
		);
	});

	it('rejects a period that ends before it starts', () => {
		const result = validateDataset({ events: [event({ end_date: '2024-12' })] });
		expect(result.dataset.events).toEqual([]);
		expect(result.issues[0]).toMatchObject({ field: 'end_date', value: '2024-12' });
	});

	it('keeps the first of two rows with the same id', () => {
		const result = validateDataset({
			events: [event({ title: 'first' }), event({ title: 'second', date: '2025-02-01' })]
		});
		expect(result.dataset.events.map((e) => e.title)).toEqual(['first']);
		expect(describeIssue(result.issues[0]!)).toContain('events row 2, field "id", value "e1"');
		expect(result.issues[0]!.message).toBe('duplicates the id of row 1');
	});

	it('warns about likely duplicates: same date, lever, actors and targets', () => {
		const result = validateDataset({
			events: [
				event({ lever: 'tariffs', targets: 'cn;eu' }),
				event({ id: 'e2', lever: 'tariffs', targets: 'eu;cn', title: 'Same thing again' })
			]
		});
		expect(result.dataset.events).toHaveLength(2);
		expect(result.issues).toEqual([
			expect.objectContaining({
				severity: 'warning',
				row: 2,
				message: expect.stringContaining('row 1')
			})
		]);
	});

	it('warns about actors missing from the actors table and derives them', () => {
		const result = validateDataset({
			events: [event({ targets: 'nobody' })],
			actors: [{ id: 'us', name: 'United States' }]
		});
		expect(result.issues).toEqual([
			expect.objectContaining({ severity: 'warning', field: 'targets', value: 'nobody' })
		]);
		expect(result.dataset.actors.map((a) => a.name)).toEqual(['United States', 'nobody']);
	});

	it('derives actors silently when no actors table is given', () => {
		const result = validateDataset({ events: [event({ actors: ['us', 'cn'] })] });
		expect(result.issues).toEqual([]);
		expect(result.dataset.actors.map((a) => a.id)).toEqual(['us', 'cn']);
	});

	it('leaves out links that are not http(s), whatever their spelling', () => {
		for (const url of [
			'javascript:alert(1)',
			' JavaScript:alert(1)',
			'data:text/html,x',
			'ftp://x'
		]) {
			const result = validateDataset({ events: [event({ source_url: url })] });
			expect(result.dataset.events[0]!.source_url, url).toBeUndefined();
			expect(result.issues[0]).toMatchObject({ severity: 'warning', field: 'source_url' });
		}
		const ok = validateDataset({ events: [event({ source_url: 'https://example.org/x' })] });
		expect(ok.dataset.events[0]!.source_url).toBe('https://example.org/x');
	});

	it('warns about unknown levers and statuses but keeps the row', () => {
		const result = validateDataset({ events: [event({ lever: 'visa_bans', status: 'paused' })] });
		expect(result.dataset.events).toHaveLength(1);
		expect(result.issues.map((issue) => [issue.severity, issue.field])).toEqual([
			['warning', 'lever'],
			['warning', 'status']
		]);
	});

	it('reports values of the wrong type instead of throwing', () => {
		const result = validateDataset({
			events: [event({ title: { nested: true }, actors: [1, { x: 1 }] })]
		});
		expect(result.dataset.events).toEqual([]);
		expect(result.issues.map((issue) => issue.field)).toEqual(['title', 'actors']);
	});

	it('warns about relations between unknown actors', () => {
		const result = validateDataset({
			events: [event({})],
			actors: [{ id: 'us' }],
			relations: [{ from: 'us', to: 'ghost', kind: 'advises' }]
		});
		expect(result.issues).toEqual([
			expect.objectContaining({ table: 'relations', row: 1, field: 'to', value: 'ghost' })
		]);
	});
});
