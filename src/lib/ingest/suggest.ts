import type { EventField, Mapping } from './mapping';

/** A column of the imported table as the mapping step sees it. */
export interface ColumnInfo {
	name: string;
	type: string;
	/** Up to a few hundred values from the first rows, as text, nulls left out. */
	samples: string[];
}

/** Column names people use for each field, most telling first, compared without case or punctuation. */
const NAMES: Record<EventField, string[]> = {
	id: ['id', 'eventid', 'uid', 'key', 'globaleventid'],
	date: [
		'date',
		'eventdate',
		'day',
		'startdate',
		'start',
		'when',
		'sqldate',
		'timestamp',
		'time',
		'year'
	],
	end_date: ['enddate', 'end', 'until', 'to', 'dateend', 'expires'],
	title: ['title', 'headline', 'event', 'name', 'label'],
	summary: ['summary', 'description', 'details', 'notes', 'text', 'body'],
	actors: [
		'actors',
		'actor',
		'actor1',
		'actor1name',
		'initiator',
		'source_actor',
		'sourceactor',
		'from',
		'who',
		'sender',
		'country'
	],
	targets: [
		'targets',
		'target',
		'actor2',
		'actor2name',
		'recipient',
		'targetactor',
		'on',
		'against',
		'receiver'
	],
	lever: [
		'lever',
		'levertype',
		'type',
		'category',
		'measure',
		'instrument',
		'tool',
		'policy',
		'eventtype'
	],
	lever_id: ['leverid', 'measureid', 'policyid', 'programme', 'program', 'track'],
	status: ['status', 'state', 'stage', 'phase'],
	source: ['source', 'publisher', 'outlet', 'publication', 'sourcename'],
	source_url: ['sourceurl', 'url', 'link', 'href', 'sourcelink'],
	source_date: ['sourcedate', 'published', 'publicationdate', 'pubdate'],
	quote: ['quote', 'quotation', 'excerpt'],
	tags: ['tags', 'tag', 'keywords', 'labels', 'themes']
};

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const DATE_LIKE =
	/^(\d{4}(\.0+)?|\d{4}-\d{1,2}|\d{4}[-/]\d{1,2}[-/]\d{1,2}([T ].*)?|\d{1,2}[./-]\d{1,2}[./-]\d{4}|-?\d{9,10}|-?\d{12,13})$/;
const URL_LIKE = /^https?:\/\/\S+$/i;

function share(samples: string[], test: (value: string) => boolean): number {
	if (samples.length === 0) return 0;
	return samples.filter(test).length / samples.length;
}

function nameScore(field: EventField, column: ColumnInfo): number {
	const name = squash(column.name);
	const names = NAMES[field].map(squash);
	const exact = names.indexOf(name);
	if (exact !== -1) return 10 - exact * 0.1;
	if (names.some((candidate) => candidate.length >= 3 && name.includes(candidate))) return 4;
	return 0;
}

function contentScore(field: EventField, column: ColumnInfo): number {
	const { samples, type } = column;
	const isTemporal = /DATE|TIMESTAMP/i.test(type);
	if (field === 'date' || field === 'end_date' || field === 'source_date') {
		return isTemporal ? 3 : share(samples, (v) => DATE_LIKE.test(v.trim())) > 0.8 ? 2 : -5;
	}
	if (field === 'source_url') return share(samples, (v) => URL_LIKE.test(v.trim())) > 0.8 ? 3 : -5;
	if (isTemporal) return -5;
	const meanLength = samples.reduce((sum, v) => sum + v.length, 0) / Math.max(1, samples.length);
	if (field === 'summary') return meanLength > 60 ? 1 : 0;
	if (field === 'title') return meanLength > 12 ? 1 : 0;
	return 0;
}

/**
 * Proposes a column for each field from the columns' names and contents: a column goes to the
 * field it fits best, no column to two fields, and nothing is proposed on content alone for
 * fields a name must tell (actors and targets look like any other text).
 */
export function suggestMapping(columns: ColumnInfo[]): Mapping {
	const candidates: { field: EventField; column: string; score: number }[] = [];
	for (const field of Object.keys(NAMES) as EventField[]) {
		for (const column of columns) {
			const byName = nameScore(field, column);
			const byContent = contentScore(field, column);
			const contentOnly = field === 'date' || field === 'source_url';
			if (byName <= 0 && !(contentOnly && byContent > 0)) continue;
			const score = byName + byContent;
			if (score > 0) candidates.push({ field, column: column.name, score });
		}
	}
	candidates.sort((a, b) => b.score - a.score);
	const fields: Mapping['fields'] = {};
	const used = new Set<string>();
	for (const { field, column } of candidates) {
		if (fields[field] || used.has(column)) continue;
		fields[field] = { column };
		used.add(column);
	}
	return {
		fields,
		listSeparator: guessSeparator(columns, fields),
		dateOrder: guessDateOrder(columns, fields)
	};
}

function guessSeparator(columns: ColumnInfo[], fields: Mapping['fields']): string {
	const listColumns = (['actors', 'targets', 'tags'] as const).flatMap((field) => {
		const source = fields[field];
		return source && 'column' in source ? columns.filter((c) => c.name === source.column) : [];
	});
	const values = listColumns.flatMap((column) => column.samples);
	let best = ';';
	let bestShare = 0;
	for (const separator of [';', '|', ',']) {
		const found = share(values, (v) => v.includes(separator));
		if (found > bestShare) [best, bestShare] = [separator, found];
	}
	return best;
}

const SLASHED = /^(\d{1,2})[./-](\d{1,2})[./-]\d{4}$/;

/**
 * Day-first or month-first, when the values say so (a first part above 12 is a day); left
 * unset when every value could be read both ways, for the person to decide.
 */
export function guessDateOrder(
	columns: ColumnInfo[],
	fields: Mapping['fields']
): Mapping['dateOrder'] {
	const dateColumns = (['date', 'end_date'] as const).flatMap((field) => {
		const source = fields[field];
		return source && 'column' in source ? columns.filter((c) => c.name === source.column) : [];
	});
	let dayFirst = false;
	let monthFirst = false;
	for (const value of dateColumns.flatMap((column) => column.samples)) {
		const match = SLASHED.exec(value.trim());
		if (!match) continue;
		if (Number(match[1]) > 12) dayFirst = true;
		if (Number(match[2]) > 12) monthFirst = true;
	}
	if (dayFirst && !monthFirst) return 'dmy';
	if (monthFirst && !dayFirst) return 'mdy';
	return 'unset';
}

/** Whether the date columns hold day/month/year values that need the person's confirmation. */
export function needsDateOrder(columns: ColumnInfo[], mapping: Mapping): boolean {
	const names = (['date', 'end_date'] as const).flatMap((field) => {
		const source = mapping.fields[field];
		return source && 'column' in source ? [source.column] : [];
	});
	return columns.some(
		(column) => names.includes(column.name) && column.samples.some((v) => SLASHED.test(v.trim()))
	);
}
