import { describe, expect, it, vi } from 'vitest';
import { DatabaseLost, guarded, type Connector } from '../../src/lib/db/connector';
import { sql } from '../../src/lib/db/sql';

/** A connector whose `query` does what the test says; the rest are never called. */
function fake(query: () => Promise<never[]>): Connector {
	const unused = () => Promise.reject(new Error('not used'));
	return {
		query,
		table: unused,
		exec: unused,
		insertArrow: unused,
		run: unused,
		registerFile: unused,
		dropFile: unused
	};
}

function engine(query: () => Promise<never[]>) {
	let lose!: (error: DatabaseLost) => void;
	const lost = new Promise<DatabaseLost>((resolve) => (lose = resolve));
	const reported = vi.fn((error: DatabaseLost) => lose(error));
	return { db: guarded(fake(query), lost, reported), lose, reported };
}

describe('a guarded connector', () => {
	it('passes ordinary errors through, and the engine stays', async () => {
		const { db, reported } = engine(() => Promise.reject(new Error('Binder Error: no column')));
		await expect(db.query(sql`SELECT 1`)).rejects.toThrow('Binder Error: no column');
		expect(reported).not.toHaveBeenCalled();
	});

	it('reports running out of memory as the engine’s death', async () => {
		const { db, reported } = engine(() =>
			Promise.reject(new Error('Out of Memory Error: could not allocate block of size 256 KiB'))
		);
		await expect(db.query(sql`SELECT 1`)).rejects.toBeInstanceOf(DatabaseLost);
		expect(reported).toHaveBeenCalledOnce();
		// Later calls do not reach the dead engine.
		await expect(db.query(sql`SELECT 2`)).rejects.toBeInstanceOf(DatabaseLost);
	});

	it('rejects calls in flight when the engine dies, which would otherwise never answer', async () => {
		const { db, lose } = engine(() => new Promise<never[]>(() => {}));
		const pending = db.query(sql`SELECT 1`);
		lose(new DatabaseLost('its worker failed'));
		await expect(pending).rejects.toThrow('its worker failed');
	});
});
