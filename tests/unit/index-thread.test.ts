import { describe, expect, it } from 'vitest';
import { buffersOf } from '../../src/lib/crossfilter/index-thread';

describe('buffersOf', () => {
	it('lists each buffer under nested typed arrays once, and nothing else', () => {
		const shared = new ArrayBuffer(64);
		const own = new Int32Array(4);
		const value = {
			a: new Int32Array(shared, 0, 4),
			nested: { b: new Int32Array(shared, 16, 4), c: own, texts: ['x', 'y'] },
			// Slices of a column: views in a list, two of them into one result's buffer.
			slices: [new Int8Array(shared, 32, 8), new Int32Array(shared, 48, 4)],
			code: new Map([['x', 0]]),
			size: 3
		};
		const buffers = buffersOf(value);
		expect(buffers).toHaveLength(2);
		expect(buffersOf({ slices: [own] })).toEqual([own.buffer]);
		expect(buffers).toContain(shared);
		expect(buffers).toContain(own.buffer);
		// Listed once each, a structured clone can hand them all over.
		expect(() => structuredClone(value, { transfer: buffers })).not.toThrow();
	});
});
