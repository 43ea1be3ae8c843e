/**
 * Rows the database has fetched by ord, kept for a dataset's life (one per loaded dataset, as
 * the index is), so that a change whose events were all fetched before asks the database
 * nothing: each new filter on the shipped dataset, whose timeline draws every event, was a round
 * trip to the database's worker. At most `capacity` rows are kept, the least recently asked for
 * going first.
 */
export class RowsByOrd<Row extends { ord: number }> {
	readonly #rows = new Map<number, Row>();

	constructor(private readonly capacity: number) {}

	/**
	 * The rows of `ords`, in that order; `fetch` is asked for those not kept, and may answer in
	 * any order. A failed fetch rejects and keeps nothing new.
	 */
	async get(ords: readonly number[], fetch: (missing: number[]) => Promise<Row[]>): Promise<Row[]> {
		// Taken now: while the fetch is out, another call's rows may push these ones out.
		const found = new Map<number, Row>();
		const missing: number[] = [];
		for (const ord of ords) {
			const row = this.#rows.get(ord);
			if (row) found.set(ord, row);
			else missing.push(ord);
		}
		if (missing.length > 0) for (const row of await fetch(missing)) found.set(row.ord, row);
		const rows = ords.map((ord) => {
			const row = found.get(ord);
			if (!row) throw new Error(`The database returned no row for event ${ord}.`);
			return row;
		});
		// Map keeps insertion order: moving each row to the end leaves the least recent first.
		for (const row of rows) {
			this.#rows.delete(row.ord);
			this.#rows.set(row.ord, row);
		}
		for (const ord of this.#rows.keys()) {
			if (this.#rows.size <= this.capacity) break;
			this.#rows.delete(ord);
		}
		return rows;
	}
}
