// @ts-check
/**
 * What the benchmark does inside the page, through the DESIGN.md contracts only: filter
 * changes by `leverwatch:set-state`, timings from the `lw:*` measures.
 */

/**
 * Applies one view query as a person would and resolves once the page has painted it.
 * @param {import('@playwright/test').Page} page
 * @param {string} query
 */
export function setState(page, query) {
	return page.evaluate(
		(query) =>
			new Promise((resolve) => {
				const listener = (/** @type {MessageEvent} */ event) => {
					if (event.data?.type !== 'leverwatch:state') return;
					window.removeEventListener('message', listener);
					resolve(undefined);
				};
				window.addEventListener('message', listener);
				window.postMessage({ type: 'leverwatch:set-state', query }, '*');
			}),
		query
	);
}

/**
 * The durations of measure `name` recorded so far, and clears them.
 * @param {import('@playwright/test').Page} page
 * @param {string} name
 * @returns {Promise<number[]>}
 */
export function takeMeasures(page, name) {
	return page.evaluate((name) => {
		const durations = performance.getEntriesByName(name, 'measure').map((m) => m.duration);
		performance.clearMeasures(name);
		return durations;
	}, name);
}

/**
 * Resolves once the page's in-memory index is built (`lw:index`).
 * @param {import('@playwright/test').Page} page
 */
export async function indexBuilt(page) {
	await page.waitForFunction(
		() => performance.getEntriesByName('lw:index', 'measure').length > 0,
		undefined,
		{ timeout: 10 * 60_000 }
	);
}

/**
 * Runs each kind's filter changes in turn and returns, per kind, the `lw:update` durations
 * (change to paint) and the `lw:query` ones (the database's share). A first change and its
 * undoing go unmeasured: the page paints before DuckDB has started (a baked first view), and
 * these figures are about a page that is up.
 * @param {import('@playwright/test').Page} page
 * @param {Record<string, string[]>} changesByKind
 */
export async function measureUpdates(page, changesByKind) {
	await indexBuilt(page);
	await setState(page, 'q=warm-up');
	/** @type {Record<string, { update: number[], query: number[] }>} */
	const byKind = {};
	for (const [kind, changes] of Object.entries(changesByKind)) {
		await setState(page, '');
		await takeMeasures(page, 'lw:update');
		await takeMeasures(page, 'lw:query');
		for (const query of changes) await setState(page, query);
		byKind[kind] = {
			update: await takeMeasures(page, 'lw:update'),
			query: await takeMeasures(page, 'lw:query')
		};
	}
	await setState(page, '');
	return byKind;
}

/**
 * Applies `query`, which must give the network other actors, and measures its layout: the
 * `lw:layout` time (request to positions back from the worker), the actors and links laid
 * out, and the longest main-thread task from the update's paint until the layout is drawn and
 * 300 ms have passed. The update's own rendering is `lw:update`'s and is left out.
 * @param {import('@playwright/test').Page} page
 * @param {string} query
 */
export async function measureLayout(page, query) {
	await page.evaluate(() => {
		const tasks = /** @type {{ start: number, duration: number }[]} */ ([]);
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				tasks.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask' });
		Object.assign(window, { __longTasks: tasks });
	});
	await takeMeasures(page, 'lw:layout');
	await setState(page, query);
	const painted = await page.evaluate(() => performance.now());
	const network = page.getByTestId('network-view');
	await network
		.and(page.locator('[data-layout="settled"]'))
		.waitFor({ state: 'attached', timeout: 10 * 60_000 });
	await page.waitForTimeout(300);
	const layouts = await takeMeasures(page, 'lw:layout');
	const tasks = await page.evaluate(
		(painted) =>
			/** @type {{ __longTasks: { start: number, duration: number }[] }} */ (
				/** @type {unknown} */ (window)
			).__longTasks
				.filter((task) => task.start >= painted)
				.map((task) => task.duration),
		painted
	);
	const described =
		(await network.locator('[aria-label^="Network of actors"]').getAttribute('aria-label')) ?? '';
	const [, actors, links] = described.match(/(\d+) actors, (\d+) links/) ?? [];
	return {
		layoutMs: layouts.at(-1) ?? null,
		actors: Number(actors),
		links: Number(links),
		longestTaskMs: Math.max(0, ...tasks)
	};
}

/**
 * Starts recording the intervals between animation frames (`stopFrames` returns them).
 * @param {import('@playwright/test').Page} page
 */
function startFrames(page) {
	return page.evaluate(() => {
		const frames = /** @type {number[]} */ ([]);
		/** @type {{ frames: number[], stop: boolean }} */
		const record = { frames, stop: false };
		Object.assign(window, { __frames: record });
		let last = performance.now();
		const tick = (/** @type {number} */ now) => {
			frames.push(now - last);
			last = now;
			if (!record.stop) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
}

/**
 * Stops the recording `startFrames` began and returns its frame intervals.
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<number[]>}
 */
function stopFrames(page) {
	return page.evaluate(() => {
		const record = /** @type {{ __frames: { frames: number[], stop: boolean } }} */ (
			/** @type {unknown} */ (window)
		).__frames;
		record.stop = true;
		return record.frames.slice(1);
	});
}

/**
 * Presses at `from`, then moves the pointer to `at(milliseconds since the press)` for `ms`
 * milliseconds, without releasing; returns the moves made. The path is set in time, as a hand
 * moves: each move waits for the page to take the last, so a busy page gets fewer, longer moves.
 * @param {import('@playwright/test').Page} page
 * @param {{ x: number, y: number }} from
 * @param {number} ms
 * @param {(elapsed: number) => { x: number, y: number }} at
 */
async function pressAndMove(page, from, ms, at) {
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	const start = Date.now();
	let moves = 0;
	for (let elapsed = 0; elapsed < ms; elapsed = Date.now() - start) {
		const { x, y } = at(elapsed);
		await page.mouse.move(x, y);
		moves += 1;
	}
	return moves;
}

/**
 * Drags the network for `ms` milliseconds and returns the intervals between animation
 * frames meanwhile: what someone panning the graph sees.
 * @param {import('@playwright/test').Page} page
 * @param {number} ms
 */
export async function panFrames(page, ms = 1500) {
	// Panning is measured on a network at rest: a layout still running in its worker would
	// share the two cores with the page, and its arrival would move the picture mid-drag.
	await page
		.locator('[data-testid="network-view"][data-layout="settled"]')
		.waitFor({ state: 'attached', timeout: 10 * 60_000 });
	const box = await page.getByTestId('network-view').locator('svg, canvas').first().boundingBox();
	if (!box) return [];
	await startFrames(page);
	// From the frame's margin, where no actor is (the layout is fitted 24 px inside it): a
	// drag from an actor would move that actor instead of panning.
	const x = box.x + 8;
	const y = box.y + box.height / 2;
	await pressAndMove(page, { x, y }, ms, (elapsed) => ({
		x: x + 120 * Math.sin(elapsed / 128),
		y: y + 80 * Math.cos(elapsed / 128)
	}));
	await page.mouse.up();
	return stopFrames(page);
}

/**
 * Brushes the timeline by hand: presses on the middle of its axis and swings the pointer right
 * and left of it for `ms` milliseconds. Returns the intervals between animation frames meanwhile
 * (the brush is drawn at each frame while the views catch up), the moves made, the ranges the
 * brush set (at most one a frame), how many of those the views were given before the pointer
 * stopped (`lw:query`: the others were overtaken by a newer one before their results were
 * ready, or still under way), and the `lw:update` of those whose paint ended before the next
 * range was set.
 * @param {import('@playwright/test').Page} page
 * @param {number} ms
 */
export async function brushFrames(page, ms = 2000) {
	await setState(page, '');
	const axis = page.getByTestId('brush-band');
	await axis.scrollIntoViewIfNeeded();
	const band = await axis.boundingBox();
	if (!band) throw new Error('The timeline has no brush band to drag.');
	let ranges = 0;
	// Each range the brush sets is a URL of its own (replacing the last in the history).
	const counted = (/** @type {import('@playwright/test').Frame} */ frame) => {
		if (frame === page.mainFrame()) ranges += 1;
	};
	await takeMeasures(page, 'lw:update');
	await takeMeasures(page, 'lw:query');
	page.on('framenavigated', counted);
	await startFrames(page);
	const middle = band.x + band.width / 2;
	const y = band.y + band.height / 2;
	const moves = await pressAndMove(page, { x: middle, y }, ms, (elapsed) => ({
		x: middle + 0.3 * band.width * Math.sin((2 * Math.PI * elapsed) / ms),
		y
	}));
	// Read before the release, whose change is the gesture's end rather than one of its steps.
	const frames = await stopFrames(page);
	const updates = await takeMeasures(page, 'lw:update');
	const shown = (await takeMeasures(page, 'lw:query')).length;
	page.off('framenavigated', counted);
	await page.mouse.up();
	if (ranges === 0) throw new Error('Dragging across the timeline brushed no time range.');
	// Clearing the range overtakes whatever the release left under way.
	await setState(page, '');
	await takeMeasures(page, 'lw:update');
	await takeMeasures(page, 'lw:query');
	return { frames, moves, ranges, shown, updates };
}
