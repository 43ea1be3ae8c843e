import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Activity } from '../../src/lib/state/activity';

/** Whether `promise` has settled once the timers have run `ms` milliseconds on. */
async function settledAfter(promise: Promise<boolean>, ms: number): Promise<boolean> {
	let settled = false;
	void promise.then(() => (settled = true));
	await vi.advanceTimersByTimeAsync(ms);
	return settled;
}

describe('waiting for the views to be quiet', () => {
	beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
	afterEach(() => vi.useRealTimers());

	it('resolves once nothing has been under way for the time asked', async () => {
		const activity = new Activity();
		const quiet = activity.quietFor(200);
		expect(await settledAfter(quiet, 199)).toBe(false);
		expect(await settledAfter(quiet, 1)).toBe(true);
	});

	it('waits for an update under way, then for the time asked after it', async () => {
		const activity = new Activity();
		const ended = activity.begin();
		const quiet = activity.quietFor(200);
		expect(await settledAfter(quiet, 1_000)).toBe(false);
		ended();
		expect(await settledAfter(quiet, 199)).toBe(false);
		expect(await settledAfter(quiet, 1)).toBe(true);
	});

	it('starts over while updates follow each other, as a brush makes them', async () => {
		const activity = new Activity();
		const quiet = activity.quietFor(200);
		// Each step ends and the next begins at once, for longer than the time asked.
		for (let step = 0; step < 10; step++) {
			const ended = activity.begin();
			expect(await settledAfter(quiet, 150)).toBe(false);
			ended();
		}
		expect(await settledAfter(quiet, 199)).toBe(false);
		expect(await settledAfter(quiet, 1)).toBe(true);
	});

	it('starts over after an update that began and ended while it waited', async () => {
		const activity = new Activity();
		const quiet = activity.quietFor(200);
		expect(await settledAfter(quiet, 100)).toBe(false);
		const ended = activity.begin();
		expect(await settledAfter(quiet, 20)).toBe(false);
		ended();
		expect(await settledAfter(quiet, 199)).toBe(false);
		expect(await settledAfter(quiet, 1)).toBe(true);
	});

	it('keeps waiting when an update begins as the last one ends', async () => {
		const activity = new Activity();
		const first = activity.begin();
		const quiet = activity.quietFor(0);
		first();
		const second = activity.begin();
		expect(await settledAfter(quiet, 100)).toBe(false);
		second();
		expect(await settledAfter(quiet, 0)).toBe(true);
	});

	it('counts overlapping updates, and an update ended twice once', async () => {
		const activity = new Activity();
		const first = activity.begin();
		const second = activity.begin();
		const quiet = activity.quietFor(100);
		first();
		first();
		expect(await settledAfter(quiet, 500)).toBe(false);
		second();
		expect(await settledAfter(quiet, 100)).toBe(true);
	});

	it('gives up at once when its signal aborts, and says so', async () => {
		const activity = new Activity();
		const ended = activity.begin();
		const waiting = new AbortController();
		const quiet = activity.quietFor(200, waiting.signal);
		const sleeping = new AbortController();
		const second = activity.quietFor(200, sleeping.signal);
		waiting.abort();
		expect(await settledAfter(quiet, 0)).toBe(true);
		expect(await quiet).toBe(false);
		ended();
		// The other wait has started its 200 ms, and stops within them.
		expect(await settledAfter(second, 100)).toBe(false);
		sleeping.abort();
		expect(await settledAfter(second, 0)).toBe(true);
		expect(await second).toBe(false);
	});

	it('says true once quiet', async () => {
		const quiet = new Activity().quietFor(10);
		await vi.advanceTimersByTimeAsync(10);
		expect(await quiet).toBe(true);
	});
});
