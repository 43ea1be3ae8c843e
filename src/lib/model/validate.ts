import {
	ACTOR_KINDS,
	type ActorRecord,
	type EventRecord,
	type RawRow,
	type RelationRecord
} from './event';
import { RowReader } from './fields';
import type { Issue } from './issues';
import { LEVER_TYPES } from './levers';
import { isStatus } from './statuses';

export interface Dataset {
	events: EventRecord[];
	actors: ActorRecord[];
	relations: RelationRecord[];
}

export interface RawDataset {
	events: RawRow[];
	actors?: RawRow[];
	relations?: RawRow[];
}

export interface ValidationOptions {
	/** The shipped dataset must cite a source for every event; imported data need not. */
	requireSource?: boolean;
}

export interface ValidationResult {
	dataset: Dataset;
	issues: Issue[];
	/** Rows left out because of an error, per table. */
	rejected: { events: number; actors: number; relations: number };
}

const KNOWN_LEVERS = new Set(LEVER_TYPES.map((lever) => lever.id));

function readEvent(raw: RawRow, row: number, options: ValidationOptions) {
	const r = new RowReader(raw, 'events', row);
	const id = r.required('id');
	const date = r.date('date', true);
	const end_date = r.date('end_date');
	const title = r.required('title');
	const actors = r.list('actors');
	if (actors.length === 0) r.report('error', 'actors', undefined, 'needs at least one actor id');
	const lever = r.text('lever');
	if (lever !== undefined && !KNOWN_LEVERS.has(lever)) {
		r.report('warning', 'lever', lever, 'not a known lever type; shown as its own category');
	}
	const status = r.text('status');
	if (status !== undefined && !isStatus(status)) {
		r.report('warning', 'status', status, 'not a known status; shown as written');
	}
	const source = options.requireSource ? r.required('source') : r.text('source');
	if (date && end_date && end_date.last < date.first) {
		r.report('error', 'end_date', end_date.text, `is before the date ${date.text}`);
	}
	const record: EventRecord = {
		id: id ?? '',
		date: date!,
		end_date,
		title: title ?? '',
		summary: r.text('summary'),
		actors,
		targets: r.list('targets'),
		lever,
		lever_id: r.text('lever_id'),
		status,
		source,
		source_url: r.link('source_url'),
		source_date: r.date('source_date'),
		quote: r.text('quote'),
		tags: r.list('tags')
	};
	return { record: r.hasErrors ? undefined : record, issues: r.issues };
}

function readActor(raw: RawRow, row: number) {
	const r = new RowReader(raw, 'actors', row);
	const id = r.required('id');
	const kind = r.text('kind');
	if (kind !== undefined && !(ACTOR_KINDS as readonly string[]).includes(kind)) {
		r.report('warning', 'kind', kind, `not one of ${ACTOR_KINDS.join(', ')}`);
	}
	const record: ActorRecord = {
		id: id ?? '',
		name: r.text('name') ?? id ?? '',
		kind,
		country: r.text('country'),
		aliases: r.list('aliases'),
		description: r.text('description')
	};
	return { record: r.hasErrors ? undefined : record, issues: r.issues };
}

function readRelation(raw: RawRow, row: number) {
	const r = new RowReader(raw, 'relations', row);
	const record: RelationRecord = {
		from: r.required('from') ?? '',
		to: r.required('to') ?? '',
		kind: r.required('kind') ?? '',
		since: r.date('since'),
		until: r.date('until'),
		source: r.text('source'),
		source_url: r.link('source_url')
	};
	return { record: r.hasErrors ? undefined : record, issues: r.issues };
}

interface Numbered<T> {
	record: T;
	row: number;
}

function readAll<T>(
	rows: RawRow[],
	read: (raw: RawRow, row: number) => { record?: T; issues: Issue[] },
	issues: Issue[]
): Numbered<T>[] {
	const kept: Numbered<T>[] = [];
	rows.forEach((raw, index) => {
		const result = read(raw, index + 1);
		issues.push(...result.issues);
		if (result.record) kept.push({ record: result.record, row: index + 1 });
	});
	return kept;
}

/** Keeps the first row of each id and reports the others as errors. */
function dropDuplicateIds<T extends { id: string }>(
	rows: Numbered<T>[],
	table: string,
	issues: Issue[]
): Numbered<T>[] {
	const seen = new Map<string, number>();
	return rows.filter(({ record, row }) => {
		const first = seen.get(record.id);
		if (first !== undefined) {
			issues.push({
				severity: 'error',
				table,
				row,
				field: 'id',
				value: record.id,
				message: `duplicates the id of row ${first}`
			});
			return false;
		}
		seen.set(record.id, row);
		return true;
	});
}

const key = (ids: string[]) => [...ids].sort().join('\u0000');

/**
 * Validates a whole dataset: each row on its own, then ids, references between tables and
 * likely duplicate events. Rows with errors are left out; warnings keep the row. Actors that
 * events mention but the actors table lacks are derived from their ids.
 */
export function validateDataset(
	raw: RawDataset,
	options: ValidationOptions = {}
): ValidationResult {
	const issues: Issue[] = [];
	const events = readAll(raw.events, (r, n) => readEvent(r, n, options), issues);
	const actors = readAll(raw.actors ?? [], readActor, issues);
	const relations = readAll(raw.relations ?? [], readRelation, issues);

	const uniqueEvents = dropDuplicateIds(events, 'events', issues);
	const uniqueActors = dropDuplicateIds(actors, 'actors', issues);

	const known = new Map(uniqueActors.map(({ record }) => [record.id, record]));
	const hasActorTable = raw.actors !== undefined;
	const derived: ActorRecord[] = [];
	const duplicates = new Map<string, number>();
	for (const { record: event, row } of uniqueEvents) {
		for (const field of ['actors', 'targets'] as const) {
			for (const id of event[field]) {
				if (known.has(id)) continue;
				if (hasActorTable) {
					issues.push({
						severity: 'warning',
						table: 'events',
						row,
						field,
						value: id,
						message: 'not in the actors table; shown by its id'
					});
				}
				const actor: ActorRecord = { id, name: id, aliases: [] };
				known.set(id, actor);
				derived.push(actor);
			}
		}
		const fingerprint = [
			event.date.text,
			event.lever ?? '',
			key(event.actors),
			key(event.targets)
		].join('\u0001');
		const twin = duplicates.get(fingerprint);
		if (twin !== undefined) {
			issues.push({
				severity: 'warning',
				table: 'events',
				row,
				field: 'id',
				value: event.id,
				message: `likely duplicates row ${twin} (same date, lever, actors and targets)`
			});
		} else {
			duplicates.set(fingerprint, row);
		}
	}

	relations.forEach(({ record: relation, row }) => {
		for (const field of ['from', 'to'] as const) {
			if (!known.has(relation[field])) {
				issues.push({
					severity: 'warning',
					table: 'relations',
					row,
					field,
					value: relation[field],
					message: 'not an actor id in the data'
				});
			}
		}
	});

	return {
		dataset: {
			events: uniqueEvents.map(({ record }) => record),
			actors: [...uniqueActors.map(({ record }) => record), ...derived],
			relations: relations.map(({ record }) => record)
		},
		issues,
		rejected: {
			events: raw.events.length - uniqueEvents.length,
			actors: (raw.actors?.length ?? 0) - uniqueActors.length,
			relations: (raw.relations?.length ?? 0) - relations.length
		}
	};
}
