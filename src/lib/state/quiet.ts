/**
 * Whether the views are catching up with a change, for work that should wait until they have
 * (a large network's layout). On two cores, a layout started in the middle of a brush takes a
 * core from the steps after it: once a step took longer than the layout's delay, every step
 * started a layout, which made the next step slower still. In 6 of 9 runs of the benchmark's
 * brush at a million events, the median step took 670-850 ms instead of 200-250.
 */
export class Activity {
	#updating = 0;
	#endedAt = -Infinity;
	#quiet: Promise<void> = Promise.resolve();
	#release: () => void = () => undefined;

	/** Marks an update under way; call the function it returns once it is painted or dropped. */
	begin(): () => void {
		this.#updating += 1;
		if (this.#updating === 1) this.#quiet = new Promise((resolve) => (this.#release = resolve));
		let ended = false;
		return () => {
			if (ended) return;
			ended = true;
			this.#updating -= 1;
			this.#endedAt = performance.now();
			if (this.#updating === 0) this.#release();
		};
	}

	/** Resolves once `ms` milliseconds have passed, from now, with no update under way. */
	async quietFor(ms: number): Promise<void> {
		const asked = performance.now();
		for (;;) {
			await this.#quiet;
			const left = Math.max(asked, this.#endedAt) + ms - performance.now();
			if (left <= 0 && this.#updating === 0) return;
			await new Promise((resolve) => setTimeout(resolve, left));
		}
	}
}

/** The page's updates: each page has one set of linked views (an embed is a page of its own). */
export const activity = new Activity();
