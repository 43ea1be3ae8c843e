import { tableFromIPC, tableToIPC, Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { intVector, textVector } from '../../src/lib/db/arrow-build';

describe('Arrow vectors built without Arrow’s builders', () => {
	it('keep text, empty text and nulls apart, through an IPC round trip', () => {
		const values = ['a', '', null, 'Zoë → 中国', undefined, 'x'.repeat(300), 'b', 'c', null];
		const table = new Table({ text: textVector(values), n: intVector(values.map((_, i) => i)) });
		const back = tableFromIPC(tableToIPC(table, 'stream'));
		expect(back.getChild('text')!.toArray()).toEqual(values.map((v) => v ?? null));
		expect(back.getChild('text')!.nullCount).toBe(3);
		expect([...back.getChild('n')!.toArray()]).toEqual(values.map((_, i) => i));
	});

	it('make an empty column', () => {
		expect(textVector([]).length).toBe(0);
	});
});
