import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS } from '../../src/lib/model/event';
import { describeIssue } from '../../src/lib/model/issues';
import { validateDataset } from '../../src/lib/model/validate';
import { FIXTURES, readCsvDataset } from '../helpers/fixtures';

/** The same check the app runs on load, with the shipped dataset's stricter rule on sources. */
const validateFolder = (folder: string) =>
	validateDataset(readCsvDataset(folder), { requireSource: true });

describe('the shipped dataset in data/', () => {
	const { dataset, issues, rejected } = validateFolder('data');

	it('validates with no errors and no warnings', () => {
		expect(issues.map(describeIssue)).toEqual([]);
		expect(rejected).toEqual({ events: 0, actors: 0, relations: 0 });
	});

	it('holds at least 60 cited events and 30 actors', () => {
		expect(dataset.events.length).toBeGreaterThanOrEqual(60);
		expect(dataset.actors.length).toBeGreaterThanOrEqual(30);
		for (const event of dataset.events) {
			expect(event.source, event.id).toBeTruthy();
			expect(event.lever, event.id).toBeTruthy();
		}
	});

	it('draws at least 8 lever tracks through two or more statuses', () => {
		const statuses = new Map<string, Set<string>>();
		for (const event of dataset.events) {
			if (!event.lever_id || !event.status) continue;
			statuses.set(event.lever_id, (statuses.get(event.lever_id) ?? new Set()).add(event.status));
		}
		const tracks = [...statuses.values()].filter((set) => set.size >= 2);
		expect(tracks.length).toBeGreaterThanOrEqual(8);
	});

	it('gives every actor a kind and links every person to an institution', () => {
		for (const actor of dataset.actors) {
			expect(ACTOR_KINDS, actor.id).toContain(actor.kind);
		}
		const linked = new Set(
			dataset.relations
				.filter((relation) => relation.kind === 'member_of' || relation.kind === 'leads')
				.map((relation) => relation.from)
		);
		const people = dataset.actors.filter((actor) => actor.kind === 'person');
		expect(people.filter((person) => !linked.has(person.id)).map((p) => p.id)).toEqual([]);
	});
});

describe('validation of a deliberately broken copy', () => {
	const { dataset, issues } = validateFolder(join(FIXTURES, 'broken-data'));
	const described = issues.map(describeIssue);

	it('fails, naming each broken row, field and value', () => {
		expect(described).toEqual([
			'events row 3, field "date", value "2025-02-30": not a date; expected YYYY-MM-DD, YYYY-MM or YYYY',
			'events row 4, field "end_date", value "2025-03-01": is before the date 2025-03-10',
			'events row 5, field "source": is required but empty',
			'events row 2, field "id", value "ok-1": duplicates the id of row 1',
			'events row 6, field "targets", value "nobody": not in the actors table; shown by its id',
			'events row 7, field "id", value "twin": likely duplicates row 1 (same date, lever, actors and targets)'
		]);
	});

	it('keeps the rows that only carry warnings', () => {
		expect(dataset.events.map((event) => event.id)).toEqual(['ok-1', 'ghost', 'twin']);
	});
});
