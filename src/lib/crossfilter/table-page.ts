import type { EventIndex } from './event-index';

/**
 * Positions by date, latest first, ties in file order: the table's date sort descending,
 * which is not the ascending order reversed (ties stay in file order both ways).
 */
export function latestFirst(index: EventIndex): Int32Array {
	const order = new Int32Array(index.size);
	let slot = 0;
	let last = index.size - 1;
	while (last >= 0) {
		let first = last;
		while (first > 0 && index.start[first - 1] === index.start[last]) first -= 1;
		for (let i = first; i <= last; i++) order[slot++] = i;
		last = first - 1;
	}
	return order;
}

/**
 * The ords of the first `limit` kept events in `order` (positions; absent for the index's own
 * order, date ascending): the table's page, found by walking the order instead of sorting.
 */
export function pageOrds(
	index: EventIndex,
	kept: Uint8Array,
	limit: number,
	order?: Int32Array
): number[] {
	const ords: number[] = [];
	for (let slot = 0; slot < index.size && ords.length < limit; slot++) {
		const i = order ? order[slot]! : slot;
		if (kept[i]) ords.push(index.ord[i]!);
	}
	return ords;
}
