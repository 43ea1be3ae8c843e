import { Int32, makeData, makeVector, Utf8, type Vector } from 'apache-arrow';

/**
 * Arrow vectors built from JavaScript values. Arrow's own builders (`vectorFromArray`) compile
 * their null test with `new Function`, which the site's Content-Security-Policy refuses; these
 * lay out the buffers directly instead.
 */

const utf8 = new TextEncoder();

/** A text column; `null` and `undefined` become nulls. */
export function textVector(values: readonly (string | null | undefined)[]): Vector<Utf8> {
	const length = values.length;
	const encoded = values.map((value) => (value == null ? undefined : utf8.encode(value)));
	const valueOffsets = new Int32Array(length + 1);
	const nullBitmap = new Uint8Array(Math.ceil(length / 8));
	let nullCount = 0;
	encoded.forEach((bytes, i) => {
		valueOffsets[i + 1] = valueOffsets[i]! + (bytes?.length ?? 0);
		if (bytes) nullBitmap[i >> 3]! |= 1 << (i & 7);
		else nullCount += 1;
	});
	const data = new Uint8Array(valueOffsets[length]!);
	encoded.forEach((bytes, i) => {
		if (bytes) data.set(bytes, valueOffsets[i]!);
	});
	return makeVector(
		makeData({ type: new Utf8(), length, nullCount, nullBitmap, valueOffsets, data })
	);
}

/** A column of 32-bit integers, none of them null. */
export function intVector(values: readonly number[]): Vector<Int32> {
	return makeVector(Int32Array.from(values));
}
