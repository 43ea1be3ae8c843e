import type { Connector } from '$lib/db/connector';
import { indexColumns, sortedOrds, textMatches } from '$lib/db/queries/index-columns';
import type { NetworkLimits } from '$lib/db/queries/network';
import { timelineRowsByOrd, type TimelinePageRow } from '$lib/db/queries/timeline';
import type { BinScale } from '$lib/db/queries/timeline-bins';
import type { EventSort } from '$lib/state/event-sort';
import type { Filter } from '$lib/state/filter';
import { indexInput, type EventIndex } from './event-index';
import { buildOffThread } from './index-thread';
import { actorMask, clauses, ordMask, timeRange, type Clauses, type Selection } from './selection';
import { RangeTotals, type LaneSplit } from './range-totals';
import { RowsByOrd } from './rows-by-ord';
import { summarise, type Summary } from './summarise';
import { latestFirst } from './table-page';
import { contextBins, contextTotal } from './timeline-context';

/**
 * Timeline rows kept (rows-by-ord.ts): four times the most the timeline draws, so that going
 * back and forth between a few filters asks nothing.
 */
const TIMELINE_ROWS_KEPT = 20_000;

/**
 * An event index with what it derives kept between changes: the resolved clauses, the
 * timeline's context and the totals (kept, or moved, while brushing), the text search's
 * matches (kept while other clauses change), and the table's sort orders and the timeline's
 * rows fetched so far (kept for the dataset's life). One per loaded dataset.
 */
export class Crossfilter {
	#clauses: { key: string; clauses: Promise<Clauses> } | undefined;
	#textMask: { key: string; mask: Promise<Uint8Array> } | undefined;
	#total: { key: string; total: number } | undefined;
	#context: { key: string; bins: ReturnType<typeof contextBins> } | undefined;
	#summary: { key: string; summary: Summary } | undefined;
	#totals: RangeTotals | undefined;
	#orders = new Map<string, Promise<Int32Array>>();
	#timelineRows = new RowsByOrd<TimelinePageRow>(TIMELINE_ROWS_KEPT);

	constructor(
		readonly index: EventIndex,
		private readonly db: Connector
	) {}

	static async build(db: Connector): Promise<Crossfilter> {
		return new Crossfilter(await buildOffThread(indexInput(await indexColumns(db))), db);
	}

	/**
	 * The filter resolved against the index. Its clauses but the time range are kept while only
	 * the range changes (a brush); a text clause asks the database once per text.
	 */
	async select(filter: Filter): Promise<Selection> {
		const q = filter.q?.trim().toLowerCase() || undefined;
		const key = JSON.stringify([filter.actors, filter.levers, filter.status, q]);
		if (this.#clauses?.key !== key) {
			const resolved = this.#resolve(filter, q);
			this.#clauses = { key, clauses: resolved };
			resolved.catch(() => {
				if (this.#clauses?.clauses === resolved) this.#clauses = undefined;
			});
		}
		return { ...(await this.#clauses.clauses), ...timeRange(filter) };
	}

	async #resolve(filter: Filter, q: string | undefined): Promise<Clauses> {
		const actors = filter.actors.length > 0 ? actorMask(this.index, filter.actors) : undefined;
		let text: Uint8Array | undefined;
		if (q) {
			if (this.#textMask?.key !== q) {
				const mask = textMatches(this.db, q).then((ords) => ordMask(this.index, ords));
				this.#textMask = { key: q, mask };
				mask.catch(() => {
					if (this.#textMask?.mask === mask) this.#textMask = undefined;
				});
			}
			text = await this.#textMask.mask;
		}
		return clauses(this.index, filter, { actors, text });
	}

	/** Events the timeline covers, for the filter without its time range (`contextKey`). */
	total(contextKey: string, selection: Selection): number {
		if (this.#total?.key !== contextKey) {
			this.#total = { key: contextKey, total: contextTotal(this.index, selection) };
		}
		return this.#total.total;
	}

	contextBins(
		contextKey: string,
		selection: Selection,
		scale: BinScale,
		by: 'lever' | 'actor',
		actorLanes: number
	): ReturnType<typeof contextBins> {
		const key = `${contextKey}|${by}|${scale.origin}|${scale.days}`;
		if (this.#context?.key !== key) {
			this.#context = { key, bins: contextBins(this.index, selection, scale, by, actorLanes) };
		}
		return this.#context.bins;
	}

	/**
	 * The summary of `selection`, under `key`. While its clauses but the range (`contextKey`)
	 * and the split stay the same, the totals behind it move with the range (a brush).
	 */
	summary(
		key: string,
		contextKey: string,
		selection: Selection,
		limits: NetworkLimits,
		split?: LaneSplit
	): Summary {
		if (this.#summary?.key !== key) {
			this.#totals ??= new RangeTotals(this.index);
			this.#totals.update(contextKey, selection, split);
			this.#summary = { key, summary: summarise(this.index, this.#totals, limits) };
		}
		return this.#summary.summary;
	}

	/**
	 * The timeline's rows of the events with these ords (in their order, which is the index's);
	 * `days` bounds their first days. Only those not fetched before are asked for.
	 */
	timelineRows(
		ords: readonly number[],
		days: { first: string; last: string }
	): Promise<TimelinePageRow[]> {
		return this.#timelineRows.get(ords, (missing) => timelineRowsByOrd(this.db, missing, days));
	}

	/** Positions in the table's order for `sort`; absent for date ascending, the index's own. */
	async order(sort: EventSort): Promise<Int32Array | undefined> {
		if (sort.key === 'date' && !sort.descending) return undefined;
		const key = `${sort.key}|${sort.descending}`;
		let order = this.#orders.get(key);
		if (!order) {
			order =
				sort.key === 'date'
					? Promise.resolve(latestFirst(this.index))
					: sortedOrds(this.db, sort).then((ords) =>
							ords.map((ord) => this.index.positionOf[ord]!)
						);
			this.#orders.set(key, order);
			order.catch(() => this.#orders.delete(key));
		}
		return order;
	}
}
