import { getContext, setContext } from 'svelte';

/**
 * Whether the views are catching up with a change, for work that should wait until they have
 * (a large network's layout). On two cores, work started in the middle of a brush takes a core
 * from the steps after it: once a step took longer than a fixed delay, every step started a
 * layout that the next step threw away, and each step was slower for it (README, "Speed").
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

	/**
	 * Resolves true once `ms` milliseconds have passed, from now, with no update under way; or
	 * false as soon as `signal` aborts, so that a superseded wait holds nothing until then.
	 */
	async quietFor(ms: number, signal?: AbortSignal): Promise<boolean> {
		const asked = performance.now();
		const aborted = new Promise<void>((resolve) =>
			signal?.addEventListener('abort', () => resolve(), { once: true })
		);
		for (;;) {
			await Promise.race([this.#quiet, aborted]);
			if (signal?.aborted) return false;
			const left = Math.max(asked, this.#endedAt) + ms - performance.now();
			if (left <= 0 && this.#updating === 0) return true;
			let timer: ReturnType<typeof setTimeout> | undefined;
			await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, left))), aborted]);
			clearTimeout(timer);
			if (signal?.aborted) return false;
		}
	}
}

const KEY = Symbol('activity');

/** Shares a page's activity with its views (linked-views.svelte.ts); one per set of views. */
export function setActivity(activity: Activity): Activity {
	return setContext(KEY, activity);
}

export function getActivity(): Activity {
	const activity = getContext<Activity | undefined>(KEY);
	if (!activity) throw new Error('getActivity() needs an Activity set by the page');
	return activity;
}
