import { expect, test } from './fixtures';
import { openCsvLink } from './watch';

/** A network too large to lay out on the page's thread: 160 actors, each acting on two others. */
const ACTORS = 160;

function wideNetwork(): string {
	const lines = ['date,actor,target,lever'];
	for (let i = 0; i < ACTORS; i++) {
		for (const step of [1, 7]) {
			const lever = step === 1 ? 'sanctions' : 'tariffs';
			lines.push(
				`2024-01-${String((i % 28) + 1).padStart(2, '0')},a${i},a${(i + step) % ACTORS},${lever}`
			);
		}
	}
	return lines.join('\n');
}

test.beforeEach(async ({ page }) => {
	await openCsvLink(
		page,
		'wide.csv',
		wideNetwork(),
		'date:date,actors:actor,targets:target,lever:lever'
	);
});

/** Where each drawn actor is, by id. */
async function positions(page: import('@playwright/test').Page) {
	const nodes = page.getByTestId('network-view').locator('.node');
	const entries = await nodes.evaluateAll((elements) =>
		elements.map((element) => [
			element.getAttribute('data-actor-id'),
			element.getAttribute('transform')
		])
	);
	return new Map(entries as [string, string][]);
}

test('a large network is laid out in a worker and drawn at once, then settles', async ({
	page
}) => {
	const network = page.getByTestId('network-view');
	await expect(network).toHaveAttribute('data-layout', 'settled');
	await expect(network.locator('.node')).toHaveCount(ACTORS);
	const usedWorker = await page.evaluate(() =>
		performance.getEntriesByType('resource').some((entry) => entry.name.includes('layout.worker'))
	);
	expect(usedWorker).toBe(true);
	const settled = await positions(page);
	// Every actor has a place of its own.
	expect(new Set(settled.values()).size).toBe(ACTORS);

	// Narrowing to one lever redraws the network from where its actors were, then lays it out anew.
	await page
		.getByTestId('lever-filter')
		.getByRole('button', { name: /Tariffs/ })
		.click();
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', String(ACTORS));
	await expect(network).toHaveAttribute('data-layout', 'settled');
	const relaid = await positions(page);
	expect(relaid.size).toBe(ACTORS);
	expect([...relaid].filter(([id, at]) => settled.get(id) !== at).length).toBeGreaterThan(0);

	// The table alternative is built when opened, and lists every drawn actor.
	await network.getByText('Network as a table').click();
	await expect(network.getByTestId('network-table').locator('tbody tr')).toHaveCount(ACTORS);

	// The settled picture answers like any other: focusing an actor tells about it.
	await network.locator('.node[tabindex="0"]').focus();
	await expect(page.getByRole('tooltip')).toContainText(/2 events: 1 as actor, 1 as target/);
});
