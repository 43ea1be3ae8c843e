import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Crossfilter } from '../../src/lib/crossfilter/crossfilter';
import { tablePage } from '../../src/lib/crossfilter/table-page';
import { binsOf } from '../../src/lib/crossfilter/timeline-context';
import type { Connector } from '../../src/lib/db/connector';
import { indexInput, joinedColumns } from '../../src/lib/crossfilter/event-index';
import { loadDataset } from '../../src/lib/db/load';
import { indexColumns } from '../../src/lib/db/queries/index-columns';
import { counts } from '../../src/lib/db/queries/counts';
import { eventRows, eventRowsByOrd } from '../../src/lib/db/queries/event-rows';
import { networkRows, type NetworkLimits } from '../../src/lib/db/queries/network';
import { datasetExtent } from '../../src/lib/db/queries/options';
import {
	binScale,
	timelineBins,
	timelineTotal,
	type TimelineBins
} from '../../src/lib/db/queries/timeline-bins';
import { validateDataset, type RawDataset } from '../../src/lib/model/validate';
import { EVENT_SORT_KEYS, type EventSort } from '../../src/lib/state/event-sort';
import type { Filter } from '../../src/lib/state/filter';
import { DEFAULT_QUERY, type ViewQuery } from '../../src/lib/state/url';
import {
	queryShown,
	queryTable,
	queryTimelineWindow,
	TIMELINE_LIMIT,
	type Remember
} from '../../src/lib/state/view-queries';
import { filterCondition } from '../../src/lib/db/filter-sql';
import { sql } from '../../src/lib/db/sql';
import { timelineRows } from '../../src/lib/db/queries/timeline';
import { decodeMapping } from '../../src/lib/ingest/mapping';
import { checkMapping, commitImport, stageFile } from '../../src/lib/ingest/importer';
import { fuzzParams } from '../helpers/fuzz';
import { startNodeDuckDB } from '../helpers/node-duckdb';
import { nodeParquet } from '../helpers/parquet';

/**
 * The in-memory index must show exactly what the database shows: every view, for any dataset
 * and any filter. Each case loads a generated dataset, runs the same view queries both ways
 * and compares them as JSON (key order included: the first view is compared that way too).
 */

/** Small enough that both cuts, and the ties at them, come up in generated datasets. */
const LIMITS: NetworkLimits = { actors: 3, links: 5 };

const ACTORS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'zz'];
const LEVERS = ['sanctions', 'tariffs', 'export_controls', 'Zeta', ''];
const STATUSES = ['imposed', 'announced', 'in_force', ''];
const WORDS = ['chips', 'Entity', 'list', 'wafer', 'licence'];

const day = fc
	.record({
		y: fc.integer({ min: 2015, max: 2025 }),
		m: fc.integer({ min: 1, max: 12 }),
		d: fc.integer({ min: 1, max: 28 })
	})
	.map(({ y, m, d }) => ({ y, m, d }));

const pad = (n: number) => String(n).padStart(2, '0');

const dateText = fc
	.tuple(day, fc.constantFrom('day', 'month', 'year'))
	.map(([{ y, m, d }, precision]) =>
		precision === 'year'
			? `${y}`
			: precision === 'month'
				? `${y}-${pad(m)}`
				: `${y}-${pad(m)}-${pad(d)}`
	);

const rawEvent = fc.record({
	date: dateText,
	endYears: fc.option(fc.integer({ min: 0, max: 3 })),
	actors: fc.uniqueArray(fc.constantFrom(...ACTORS), { minLength: 1, maxLength: 3 }),
	targets: fc.uniqueArray(fc.constantFrom(...ACTORS), { maxLength: 2 }),
	lever: fc.constantFrom(...LEVERS),
	status: fc.constantFrom(...STATUSES),
	title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
	source: fc.constantFrom('', 'Reuters', 'Federal Register'),
	link: fc.boolean()
});

const datasetOf = (events: { minLength: number; maxLength: number }) =>
	fc
		.record({
			events: fc.array(rawEvent, events),
			relations: fc.array(
				fc.record({
					from: fc.constantFrom(...ACTORS),
					to: fc.constantFrom(...ACTORS),
					kind: fc.constantFrom('allied', 'rival')
				}),
				{ maxLength: 6 }
			)
		})
		.map(({ events, relations }): RawDataset => ({
			events: events.map((event, i) => ({
				id: `e${i}`,
				date: event.date,
				end_date:
					event.endYears === null ? '' : `${Number(event.date.slice(0, 4)) + event.endYears}-12-31`,
				title: event.title.join(' '),
				actors: event.actors.join(';'),
				targets: event.targets.join(';'),
				lever: event.lever,
				status: event.status,
				source: event.source,
				source_url: event.link ? `https://example.org/${i}` : ''
			})),
			// a5 and a6 share a name (ties broken by id); zz has no row of its own.
			actors: ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => ({
				id,
				name: id === 'a5' || id === 'a6' ? 'Same' : `Actor ${id}`,
				kind: id === 'a0' ? '' : 'state',
				country: ''
			})),
			relations: relations.map((r) => ({ from: r.from, to: r.to, kind: r.kind }))
		}));

const rawDataset = datasetOf({ minLength: 1, maxLength: 60 });

const bound = fc.oneof(dateText, fc.constant('not-a-date'));

const filter: fc.Arbitrary<Filter> = fc.record(
	{
		actors: fc.uniqueArray(fc.constantFrom(...ACTORS, 'nobody'), { maxLength: 2 }),
		levers: fc.uniqueArray(fc.constantFrom(...LEVERS.filter(Boolean), 'nothing'), { maxLength: 2 }),
		status: fc.uniqueArray(fc.constantFrom(...STATUSES.filter(Boolean)), { maxLength: 2 }),
		from: bound,
		to: bound,
		q: fc.constantFrom('chips', ' ENTITY ', 'wafer list', '  ')
	},
	{ requiredKeys: ['actors', 'levers', 'status'] }
);

const sort: fc.Arbitrary<EventSort> = fc.record({
	key: fc.constantFrom(...EVENT_SORT_KEYS),
	descending: fc.boolean()
});

let db: Connector;

beforeAll(async () => {
	db = await startNodeDuckDB();
});

async function loaded(raw: RawDataset): Promise<Crossfilter> {
	await loadDataset(db, validateDataset(raw).dataset);
	return Crossfilter.build(db);
}

/**
 * One memo for the database's answers and the index's, as the page keeps (DashboardData): the
 * database answers until the index is built, and neither may be handed what the other
 * remembered under the same key unless it is the same.
 */
function sharedMemo(): Remember {
	const memo = new Map<string, Promise<unknown>>();
	return <T>(key: string, run: () => Promise<T>) => {
		if (!memo.has(key)) memo.set(key, run());
		return memo.get(key) as Promise<T>;
	};
}

const json = (value: unknown) =>
	JSON.stringify(value, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v));

describe('the in-memory index', () => {
	it('reads its columns in slices: events by whole days in order, participants by ords', async () => {
		const rows = (columns: Record<string, Int32Array>) =>
			Array.from(Object.values(columns)[0]!, (_, i) =>
				Object.values(columns)
					.map((column) => column[i])
					.join(' ')
			).sort();
		await fc.assert(
			fc.asyncProperty(rawDataset, async (raw) => {
				await loadDataset(db, validateDataset(raw).dataset);
				const sliced = indexInput(await indexColumns(db, 2));
				const whole = indexInput(await indexColumns(db));
				const [a, b] = [sliced, whole].map((input) => ({
					events: joinedColumns(input.events),
					taking: joinedColumns(input.taking),
					pairs: joinedColumns(input.pairs)
				}));
				expect(json(a!.events)).toBe(json(b!.events));
				expect(rows(a!.taking)).toEqual(rows(b!.taking));
				expect(rows(a!.pairs)).toEqual(rows(b!.pairs));
			}),
			{ numRuns: 25 }
		);
	});

	it('shows every view as the database does, for any dataset and filter', async () => {
		// The timeline's limit as shipped, under which these small datasets' timelines draw every
		// event, and low ones, past which they draw bins and the table asks for its own rows.
		const limit = fc.oneof(fc.constant(TIMELINE_LIMIT), fc.integer({ min: 0, max: 8 }));
		await fc.assert(
			fc.asyncProperty(
				rawDataset,
				fc.array(fc.tuple(filter, sort, limit), { minLength: 1, maxLength: 6 }),
				async (raw, cases) => {
					const crossfilter = await loaded(raw);
					// Without cells too: the index of a dataset with too many of them counts events.
					const counting = new Crossfilter({ ...crossfilter.index, cells: undefined }, db);
					const remember = sharedMemo();
					for (const [f, s, max] of cases) {
						const query: ViewQuery = { ...DEFAULT_QUERY, filter: f, sort: s };
						const full = await queryShown(db, query, { timelineLimit: max });
						const expected = json(full);
						expect(json(await queryShown(db, query, { remember, timelineLimit: max }))).toBe(
							expected
						);
						expect(
							json(await queryShown(db, query, { remember, crossfilter, timelineLimit: max }))
						).toBe(expected);
						expect(
							json(await queryShown(db, query, { crossfilter: counting, timelineLimit: max }))
						).toBe(expected);
						// The table alone, and every view but the table, as a table off screen and a
						// page without one (an embed) have them.
						for (const index of [undefined, crossfilter]) {
							const options = { crossfilter: index, timelineLimit: max };
							const table = await queryTable(db, query, options);
							expect(json(table.rows)).toBe(json(full.rows));
							const held = await queryShown(db, query, { ...options, rows: 'later' });
							expect(held.rowsBehind).toBe(true);
							expect(json({ ...held, rows: full.rows, rowsBehind: undefined })).toBe(expected);
							const tableless = await queryShown(db, query, { ...options, rows: 'never' });
							expect(tableless.rows).toEqual([]);
							expect(json({ ...tableless, rows: full.rows })).toBe(expected);
						}
					}
				}
			),
			fuzzParams(40)
		);
	}, 120_000);

	it('answers from the index as the database did before the index was built', async () => {
		await fc.assert(
			fc.asyncProperty(
				rawDataset,
				fc.array(fc.tuple(bound, bound, sort), { minLength: 1, maxLength: 4 }),
				async (raw, steps) => {
					const crossfilter = await loaded(raw);
					const remember = sharedMemo();
					// The first paint: the database answers while the index is built.
					await queryShown(db, DEFAULT_QUERY, { remember });
					for (const [from, to, s] of steps) {
						const query: ViewQuery = {
							...DEFAULT_QUERY,
							filter: { ...DEFAULT_QUERY.filter, from, to },
							sort: s
						};
						const expected = json(await queryShown(db, query));
						expect(json(await queryShown(db, query, { remember, crossfilter }))).toBe(expected);
					}
				}
			),
			fuzzParams(20)
		);
	}, 60_000);

	it("finds a zoomed-in period's events as the database does, and none past the limit", async () => {
		const isoDay = day.map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
		await fc.assert(
			fc.asyncProperty(
				rawDataset,
				fc.array(fc.tuple(filter, isoDay, isoDay), { minLength: 1, maxLength: 6 }),
				async (raw, cases) => {
					const crossfilter = await loaded(raw);
					for (const [f, a, b] of cases) {
						const window = a <= b ? { first: a, last: b } : { first: b, last: a };
						const query: ViewQuery = { ...DEFAULT_QUERY, filter: f };
						const zoomed = await queryTimelineWindow(crossfilter, query, window, undefined, 3);
						const inWindow = { ...f, from: window.first, to: window.last };
						const ids = await db.query<{ id: string }>(
							sql`SELECT e.id FROM events e WHERE ${filterCondition(inWindow)} ORDER BY e.start_day, e.ord`
						);
						if (ids.length > 3) {
							expect(zoomed.events).toBeUndefined();
							continue;
						}
						// The same rows as the timeline's own, marked against the filter's time range.
						const context = new Map(
							(await timelineRows(db, f, 10_000)).map((row) => [row.id, row])
						);
						expect(json(zoomed.events)).toBe(json(ids.map(({ id }) => context.get(id))));
					}
				}
			),
			fuzzParams(40)
		);
	}, 120_000);

	it('cuts the network, the table and the timeline lanes where the database does', async () => {
		await fc.assert(
			fc.asyncProperty(
				rawDataset,
				fc.array(fc.tuple(filter, sort, fc.constantFrom('lever', 'actor' as const)), {
					minLength: 1,
					maxLength: 6
				}),
				async (raw, cases) => {
					const crossfilter = await loaded(raw);
					const extent = (await datasetExtent(db))!;
					const scale = binScale(extent, 7);
					for (const [f, s, by] of cases) {
						const context = { ...f, from: undefined, to: undefined };
						const contextKey = JSON.stringify(context);
						const selection = await crossfilter.select(f);
						const contextSelection = await crossfilter.select(context);
						const total = crossfilter.total(contextKey, contextSelection);
						expect(total).toBe(await timelineTotal(db, f));
						const bins = crossfilter.contextBins(contextKey, selection, scale, by, 2);
						const summary = crossfilter.summary(
							`${JSON.stringify(f)}|${by}`,
							contextKey,
							selection,
							LIMITS,
							bins.split
						);
						const expectedBins: TimelineBins = await timelineBins(db, f, {
							scale,
							total,
							by,
							actorLanes: 2
						});
						expect(json(binsOf(bins, summary.inRange, scale, total))).toBe(json(expectedBins));
						expect(json(summary.network)).toBe(json(await networkRows(db, f, LIMITS)));
						expect(summary.counts).toEqual(await counts(db, f));
						const page = tablePage(crossfilter.index, selection, 4, await crossfilter.order(s));
						expect(json(await eventRowsByOrd(db, page.ords, page.days, s))).toBe(
							json(await eventRows(db, f, s, 4))
						);
					}
				}
			),
			fuzzParams(40)
		);
	}, 120_000);

	it('moves its totals with a brush and shows at each step what the database does', async () => {
		// Two years only, so that a brush's edges hold fewer events than it does: the totals
		// move instead of being counted again.
		const year = (date: unknown) => 2020 + (Number(String(date).slice(0, 4)) % 2);
		const dense = datasetOf({ minLength: 60, maxLength: 150 }).map((raw) => ({
			...raw,
			events: raw.events.map((event) => ({
				...event,
				date: `${year(event.date)}${String(event.date).slice(4)}`,
				end_date: event.end_date ? `${Math.max(year(event.date), year(event.end_date))}-12-31` : ''
			}))
		}));
		const month = (m: number) => `${2020 + Math.floor(m / 12)}-${pad((m % 12) + 1)}`;
		const brush = fc.record({
			first: fc.integer({ min: 0, max: 20 }),
			months: fc.integer({ min: 1, max: 12 }),
			// Moves of either end, and of both: a brush dragged or resized, even past its other end.
			steps: fc.array(fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 })), {
				minLength: 1,
				maxLength: 12
			}),
			open: fc.constantFrom('none', 'from', 'to')
		});
		const untimed = fc.record({
			actors: fc.uniqueArray(fc.constantFrom(...ACTORS), { maxLength: 1 }),
			levers: fc.uniqueArray(fc.constantFrom(...LEVERS.filter(Boolean)), { maxLength: 2 }),
			status: fc.constant<string[]>([])
		});
		await fc.assert(
			fc.asyncProperty(
				dense,
				untimed,
				brush,
				fc.constantFrom('lever', 'actor' as const),
				async (raw, clauses, { first, months, steps, open }, by) => {
					const crossfilter = await loaded(raw);
					const scale = binScale((await datasetExtent(db))!, 7);
					const contextKey = JSON.stringify(clauses);
					const total = crossfilter.total(contextKey, await crossfilter.select(clauses));
					let [from, to] = [first, first + months];
					for (const [moveFrom, moveTo] of steps) {
						[from, to] = [Math.max(0, from + moveFrom), Math.max(0, to + moveTo)];
						const f: Filter = {
							...clauses,
							from: open === 'from' ? undefined : month(from),
							to: open === 'to' ? undefined : month(to)
						};
						const selection = await crossfilter.select(f);
						const bins = crossfilter.contextBins(contextKey, selection, scale, by, 2);
						const key = `${JSON.stringify(f)}|${by}`;
						const summary = crossfilter.summary(key, contextKey, selection, LIMITS, bins.split);
						const expected = await timelineBins(db, f, { scale, total, by, actorLanes: 2 });
						expect(json(binsOf(bins, summary.inRange, scale, total))).toBe(json(expected));
						expect(json(summary.network)).toBe(json(await networkRows(db, f, LIMITS)));
						expect(summary.counts).toEqual(await counts(db, f));
					}
				}
			),
			fuzzParams(40)
		);
	}, 120_000);

	it('shows an import as the database does, rows left out of it included', async () => {
		// Every fifth row has no valid date and is left out, so the kept events' ords have gaps.
		const lines = ['date,actor,target,lever,title'];
		for (let i = 0; i < 40; i++) {
			const date = i % 5 === 0 ? 'someday' : `202${i % 4}-0${(i % 9) + 1}-1${i % 10}`;
			lines.push(`${date},a${i % 6},a${(i * 7) % 6},${i % 3 ? 'tariffs' : 'sanctions'},Wafer ${i}`);
		}
		const deps = { db, parquet: async () => nodeParquet };
		const never = new AbortController().signal;
		const csv = new Blob([lines.join('\n')]);
		await stageFile(deps, csv, 'gaps.csv', never, () => undefined);
		const mapping = decodeMapping('date:date,actors:actor,targets:target,lever:lever,title:title');
		await checkMapping(db, mapping, never);
		await commitImport(db);
		const crossfilter = await Crossfilter.build(db);
		expect(crossfilter.index.size).toBe(32);
		expect(crossfilter.index.positionOf).toContain(-1);
		const filters: Filter[] = [
			{ actors: [], levers: [], status: [] },
			{ actors: ['a2'], levers: [], status: [], from: '2021', to: '2022-06' },
			{ actors: [], levers: ['tariffs'], status: [], q: 'wafer 3' }
		];
		for (const f of filters) {
			for (const descending of [false, true]) {
				const query: ViewQuery = { ...DEFAULT_QUERY, filter: f, sort: { key: 'date', descending } };
				const expected = await queryShown(db, query);
				expect(expected.counts.events).toBeGreaterThan(0);
				expect(json(await queryShown(db, query, { crossfilter }))).toBe(json(expected));
			}
		}
	});
});
