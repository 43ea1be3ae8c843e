import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as parquetWasm from 'parquet-wasm/node';
import { countsOf, shipped } from './shipped';
import { waitForReady } from './watch';

const IMPORTS = join('tests', 'fixtures', 'import');
const fixture = (name: string) => readFileSync(join(IMPORTS, name));

/** A small Parquet file, written here so the test needs no binary fixture. */
function parquetFile(): Buffer {
	const arrow = tableFromArrays({
		day: ['2024-05-01', '2024-06-15', '2025-01-02'],
		initiator: ['EU', 'EU', 'Japan'],
		target: ['Russia', 'Belarus', 'China'],
		measure: ['sanctions', 'sanctions', 'export_controls']
	});
	const table = parquetWasm.Table.fromIPCStream(tableToIPC(arrow, 'stream'));
	return Buffer.from(parquetWasm.writeParquet(table));
}

async function counts(page: Page) {
	const element = page.getByTestId('counts');
	return {
		events: Number(await element.getAttribute('data-events')),
		actors: Number(await element.getAttribute('data-actors')),
		edges: Number(await element.getAttribute('data-edges'))
	};
}

async function openImport(page: Page) {
	await page.goto('/');
	await waitForReady(page);
	await page.getByRole('button', { name: 'Import data…' }).click();
	await expect(page.getByTestId('import-dialog')).toBeVisible();
}

test('imports a CSV through the file picker: mapping, report, then the views show it', async ({
	page
}) => {
	await openImport(page);
	await page.getByTestId('import-file').setInputFiles(join(IMPORTS, 'events-semicolon.csv'));
	const mapping = page.getByTestId('mapping');
	await expect(mapping.locator('select[data-field="date"]')).toHaveValue('c:Date');
	await expect(mapping.locator('select[data-field="actors"]')).toHaveValue('c:Actor');
	await expect(page.getByTestId('import-preview')).toContainText('Sichuan Juxinhe; Yin Kecheng');

	// Nothing changes until the person confirms the report.
	await page.getByRole('button', { name: 'Check 6 rows' }).click();
	const report = page.getByTestId('import-report');
	await expect(report).toContainText('2 of 6 rows will be loaded; 4 rejected; 1 warnings');
	await expect(report).toContainText('duplicates the id of row 1');
	await expect(page.getByTestId('counts')).toHaveAttribute(
		'data-events',
		String(shipped.events.length)
	);

	await page.getByRole('button', { name: 'Load 2 events' }).click();
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', '2');
	expect(await counts(page)).toEqual({ events: 2, actors: 4, edges: 2 });
	await expect(page.getByTestId('provenance')).toContainText(
		'events-semicolon.csv (imported file, not the shipped dataset)'
	);
	await expect(page.getByTestId('network-view').locator('.node')).toHaveCount(4);
	// A javascript: link from the file is never rendered as a link.
	await expect(page.locator('a[href^="javascript"]')).toHaveCount(0);
});

test('imports JSON dropped on the page, with a constant lever for every row', async ({ page }) => {
	await page.goto('/');
	await waitForReady(page);
	const data = await page.evaluateHandle((text) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([text], 'events.json', { type: 'application/json' }));
		return transfer;
	}, fixture('events.json').toString('utf8'));
	await page.dispatchEvent('main', 'drop', { dataTransfer: data });
	const mapping = page.getByTestId('mapping');
	await mapping.locator('select[data-field="date"]').selectOption('c:when');
	await mapping.locator('select[data-field="actors"]').selectOption('c:who');
	await mapping.locator('select[data-field="targets"]').selectOption('c:whom');
	await mapping
		.locator('select[data-field="lever"]')
		.selectOption({ label: 'The same value for every row…' });
	await page.getByLabel('Value of Lever for every row').fill('export_controls');
	await page.getByRole('button', { name: 'Check 3 rows' }).click();
	await expect(page.getByTestId('import-report')).toContainText('3 of 3 rows will be loaded');
	await page.getByRole('button', { name: 'Load 3 events' }).click();
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', '3');
	await expect(page.getByTestId('lever-filter').getByRole('button')).toHaveText([
		/Export controls/
	]);
});

test('imports Parquet, keeps it across a reload in the dataset switcher, and deletes it', async ({
	page
}) => {
	await openImport(page);
	await page.getByTestId('import-file').setInputFiles({
		name: 'measures.parquet',
		mimeType: 'application/vnd.apache.parquet',
		buffer: parquetFile()
	});
	const mapping = page.getByTestId('mapping');
	await expect(mapping.locator('select[data-field="date"]')).toHaveValue('c:day');
	await expect(mapping.locator('select[data-field="actors"]')).toHaveValue('c:initiator');
	await page.getByRole('button', { name: 'Check 3 rows' }).click();
	await page.getByRole('button', { name: 'Load 3 events' }).click();
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', '3');

	await page.reload();
	await waitForReady(page);
	// After a reload the shipped dataset shows, and the import is one choice away.
	await expect(page.getByTestId('counts')).toHaveAttribute(
		'data-events',
		String(shipped.events.length)
	);
	const switcher = page.getByTestId('dataset-switcher');
	await expect(switcher.locator('option')).toHaveText([
		'Shipped dataset: US–China policy levers',
		'measures.parquet (3 events)'
	]);
	await switcher.selectOption({ label: 'measures.parquet (3 events)' });
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', '3');
	await expect(page.getByTestId('provenance')).toContainText('measures.parquet');

	await page.getByTestId('delete-dataset').click();
	await expect(page.getByTestId('counts')).toHaveAttribute(
		'data-events',
		String(shipped.events.length)
	);
	await expect(page.getByTestId('dataset-switcher')).toHaveCount(0);
});

test('loads ?data= with a map= from the URL, and the link reproduces the import', async ({
	page
}) => {
	await page.route('https://data.example/**', (route) =>
		route.fulfill({
			status: 200,
			contentType: 'text/tab-separated-values',
			headers: { 'access-control-allow-origin': '*' },
			body: fixture('dates-dmy.tsv')
		})
	);
	const map = 'date:date,actors:actor,targets:target,lever:lever,dates:dmy';
	await page.goto(
		`/?data=${encodeURIComponent('https://data.example/d.tsv')}&map=${encodeURIComponent(map)}&levers=tariffs`
	);
	await waitForReady(page);
	await expect(page.getByTestId('provenance')).toContainText(
		'https://data.example/d.tsv (loaded from this address, not the shipped dataset)'
	);
	expect(await counts(page)).toEqual({ events: 2, actors: 2, edges: 2 });
	const url = new URL(page.url());
	expect(url.searchParams.get('data')).toBe('https://data.example/d.tsv');
	expect(url.searchParams.get('map')).toBe(map);
	await expect(page.locator('tr[data-event-id] td.date time').first()).toHaveText('25 Dec 2024');
	// The download itself was written to disk and kept for the dataset switcher.
	expect(await filesInBrowserStore(page)).toHaveLength(1);
});

test('a failed import says why and keeps the current data', async ({ page }) => {
	await openImport(page);
	await page.getByTestId('import-file').setInputFiles(join(IMPORTS, 'garbage.bin'));
	await expect(page.getByTestId('import-error')).toContainText('binary data');
	await page
		.getByTestId('import-dialog')
		.getByRole('button', { name: 'Close', exact: true })
		.click();
	expect(await counts(page)).toEqual(countsOf(shipped.events));

	await page.route('https://data.example/**', (route) => route.fulfill({ status: 404, body: '' }));
	await page.goto(`/?data=${encodeURIComponent('https://data.example/missing.csv')}`);
	await waitForReady(page);
	await expect(page.getByTestId('notice')).toContainText('was not loaded');
	await expect(page.getByTestId('notice')).toContainText('HTTP 404');
	expect(await counts(page)).toEqual(countsOf(shipped.events));

	// A download goes to the browser's disk first; one that cannot be imported is not kept.
	await page.route('https://data.example/garbage.bin', (route) =>
		route.fulfill({
			status: 200,
			headers: { 'access-control-allow-origin': '*' },
			body: fixture('garbage.bin')
		})
	);
	await page.goto(`/?data=${encodeURIComponent('https://data.example/garbage.bin')}`);
	await waitForReady(page);
	await expect(page.getByTestId('notice')).toContainText('binary data');
	expect(await counts(page)).toEqual(countsOf(shipped.events));
	await expect.poll(() => filesInBrowserStore(page)).toEqual([]);
});

test('an import in progress shows a progress bar and can be cancelled, changing nothing', async ({
	page
}) => {
	let answer!: () => void;
	const held = new Promise<void>((resolve) => (answer = resolve));
	await page.route('https://data.example/slow.csv', async (route) => {
		await held;
		await route.abort().catch(() => undefined);
	});
	await openImport(page);
	await page.getByTestId('import-url').fill('https://data.example/slow.csv');
	await page.getByRole('button', { name: 'Load', exact: true }).click();
	const dialog = page.getByTestId('import-dialog');
	await expect(dialog.getByTestId('import-progress')).toBeVisible();
	await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
	await expect(dialog).toBeHidden();
	answer();
	expect(await counts(page)).toEqual(countsOf(shipped.events));
	await expect(page.getByTestId('provenance')).toContainText('shipped dataset');
	await expect.poll(() => filesInBrowserStore(page)).toEqual([]);
});

/** The files Leverwatch keeps in the Origin Private File System, apart from its index. */
function filesInBrowserStore(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const root = await navigator.storage.getDirectory();
		const folder = await root.getDirectoryHandle('leverwatch-datasets', { create: true });
		const names: string[] = [];
		for await (const name of folder.keys()) if (name !== 'index.json') names.push(name);
		return names;
	});
}

test('imports JSON through the URL box, and Parquet through a ?data= link', async ({ page }) => {
	await page.route('https://data.example/**', (route) => {
		const parquet = route.request().url().endsWith('.parquet');
		return route.fulfill({
			status: 200,
			headers: { 'access-control-allow-origin': '*' },
			contentType: parquet ? 'application/vnd.apache.parquet' : 'application/json',
			body: parquet ? parquetFile() : fixture('events.ndjson')
		});
	});
	await openImport(page);
	await page.getByTestId('import-url').fill('https://data.example/events.ndjson');
	await page.getByRole('button', { name: 'Load', exact: true }).click();
	await expect(page.getByTestId('mapping').locator('select[data-field="actors"]')).toHaveValue(
		'c:actor'
	);
	await page.getByRole('button', { name: 'Check 2 rows' }).click();
	await page.getByRole('button', { name: 'Load 2 events' }).click();
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', '2');
	// The link is written into the URL once the swap is done, which can be a moment after the
	// counts paint.
	const param = (name: string) => new URL(page.url()).searchParams.get(name);
	await expect.poll(() => param('data')).toBe('https://data.example/events.ndjson');
	expect(param('map')).toContain('actors:actor');

	const map = 'date:day,actors:initiator,targets:target,lever:measure';
	await page.goto(
		`/?data=${encodeURIComponent('https://data.example/m.parquet')}&map=${encodeURIComponent(map)}`
	);
	await waitForReady(page);
	expect(await counts(page)).toEqual({ events: 3, actors: 5, edges: 3 });
	await expect(page.getByTestId('lever-filter').getByRole('button')).toHaveText([
		/Sanctions/,
		/Export controls/
	]);
});
