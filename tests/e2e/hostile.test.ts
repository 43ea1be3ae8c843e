import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { parseCsv } from '../../src/lib/ingest/csv';
import { EVENT_FIELDS } from '../../src/lib/model/event';
import { VIEW_PARAMS } from '../../src/lib/state/url';
import { countsOf, shipped } from './shipped';
import { waitForReady } from './watch';

/**
 * Hostile input (issue 8): markup, script, event-handler and link-scheme payloads, SQL, quotes
 * and prototype keys in every text field of imported data and in every URL parameter and host
 * message. Whatever comes in, no script runs, no unsafe link is rendered, nothing is thrown
 * uncaught, and the page stays usable with its data intact.
 */

const PAYLOADS: Record<string, string> = {
	script: '<script>window.__pwned=1</script>',
	img: '<img src=x onerror="window.__pwned=1">',
	svg: '<svg onload="window.__pwned=1"><circle r="9"/></svg>',
	breakout: '"><img src=x onerror=window.__pwned=1>',
	iframe: '<iframe src="javascript:window.__pwned=1"></iframe>',
	javascript: 'javascript:window.__pwned=1',
	mixedCase: ' JaVaScRiPt:window.__pwned=1',
	tabbed: '\tjava\tscript:window.__pwned=1',
	data: 'data:text/html,<script>window.__pwned=1</script>',
	vbscript: 'vbscript:msgbox(1)',
	sql: "'); DROP TABLE events; --",
	quotes: `"'\`;--`,
	proto: '__proto__',
	ctor: 'constructor',
	template: '{{constructor.constructor("window.__pwned=1")()}}',
	formula: '=HYPERLINK("javascript:window.__pwned=1","x")'
};

/** Every text field of the event format; each gets every payload. */
const FIELDS = EVENT_FIELDS.filter(
	(field) => field !== 'date' && field !== 'end_date' && field !== 'source_date'
);

/** Column names that are payloads too: they show in the mapping table and the preview. */
const HOSTILE_COLUMNS = [PAYLOADS.script!, PAYLOADS.proto!, PAYLOADS.ctor!, PAYLOADS.sql!];

type Row = Record<string, string | string[]>;

/** No prototype: `__proto__` is a column here, and must be one like any other. */
const record = (fields: Row): Row => Object.assign(Object.create(null), fields);

/** One row per payload, the payload in every field (ids must differ, so they are the payload). */
function hostileRows(extra: Record<string, string> = {}): Row[] {
	const rows: Row[] = Object.values({ ...PAYLOADS, ...extra }).map((payload, i) => {
		const row = record({
			date: `2025-01-${String(i + 1).padStart(2, '0')}`,
			actors: [payload],
			targets: [`${payload} 2`]
		});
		for (const field of FIELDS) row[field] ??= payload;
		for (const column of HOSTILE_COLUMNS) row[column] = payload;
		return row;
	});
	// A row with a real link, whose address and text carry payloads of their own.
	rows.push(
		record({
			id: 'control',
			date: '2025-02-01',
			title: 'Control <b>bold</b>',
			actors: ['control-actor'],
			targets: [PAYLOADS.proto!],
			lever: 'sanctions',
			status: 'imposed',
			source: PAYLOADS.img!,
			source_url: 'https://example.org/a?b="><script>window.__pwned=1</script>'
		})
	);
	return rows;
}

const csvCell = (value: string | string[] | undefined) =>
	`"${(Array.isArray(value) ? value.join(';') : (value ?? '')).replace(/"/g, '""')}"`;

const BAD_BYTES = '@@not-utf-8@@';

function hostileCsv(): Buffer {
	// One more row whose title has bytes that are not UTF-8, so the whole file is read in the
	// 8-bit fallback.
	const rows = [
		...hostileRows(),
		record({ id: 'bad-utf8', date: '2025-03-01', actors: ['x'], title: BAD_BYTES })
	];
	const columns = ['date', ...FIELDS, ...HOSTILE_COLUMNS];
	const lines = [columns.map(csvCell), ...rows.map((row) => columns.map((c) => csvCell(row[c])))];
	const [before, after] = lines
		.map((cells) => cells.join(','))
		.join('\r\n')
		.split(BAD_BYTES);
	return Buffer.concat([
		Buffer.from(before!),
		Buffer.from([0xc3, 0x28, 0xff]),
		Buffer.from(after!)
	]);
}

function hostileJson(): string {
	// JSON can carry what a CSV cannot: NUL and other control characters.
	return JSON.stringify(hostileRows({ nul: 'a\u0000b\u0001c', rtl: '\u202Egnp.exe' }));
}

/** One row per payload and the control row. */
const PAYLOAD_ROWS = Object.keys(PAYLOADS).length + 1;

declare global {
	interface Window {
		__pwned?: unknown;
	}
}

/** Records page errors and dialogs from the start, and the app's own scripts once ready. */
async function watch(page: Page) {
	const errors: string[] = [];
	const dialogs: string[] = [];
	page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	return { errors, dialogs };
}

/**
 * What must hold after any hostile input: no payload ran, no element carries an inline handler
 * or a link to anything but http(s), no script was added, and nothing was thrown uncaught.
 */
async function expectSafe(page: Page, watched: { errors: string[]; dialogs: string[] }) {
	const state = await page.evaluate(() => {
		const unsafe: string[] = [];
		for (const element of document.querySelectorAll('*')) {
			for (const attribute of element.attributes) {
				const name = attribute.name.toLowerCase();
				if (name.startsWith('on')) unsafe.push(`${element.localName}[${name}]`);
				if (['href', 'src', 'xlink:href', 'action', 'formaction', 'srcdoc'].includes(name)) {
					const url = new URL(attribute.value, document.baseURI);
					if (url.protocol !== 'http:' && url.protocol !== 'https:') {
						unsafe.push(`${element.localName}[${name}=${attribute.value.slice(0, 60)}]`);
					}
				}
			}
		}
		return {
			pwned: window.__pwned,
			unsafe,
			scripts: [...document.scripts].filter(
				(s) => !s.src && !s.textContent?.includes('__sveltekit')
			).length,
			foreignScripts: [...document.scripts].filter(
				(s) => s.src && new URL(s.src).origin !== location.origin
			).length,
			images: document.querySelectorAll('img, iframe:not([src^="http"]), object, embed').length
		};
	});
	expect(state.pwned).toBeUndefined();
	expect(state.unsafe).toEqual([]);
	expect(state.scripts).toBe(0);
	expect(state.foreignScripts).toBe(0);
	expect(state.images).toBe(0);
	expect(watched.dialogs).toEqual([]);
	expect(watched.errors).toEqual([]);
}

async function counts(page: Page) {
	const element = page.getByTestId('counts');
	return {
		events: Number(await element.getAttribute('data-events')),
		actors: Number(await element.getAttribute('data-actors')),
		edges: Number(await element.getAttribute('data-edges'))
	};
}

async function download(page: Page, label: string) {
	await page.getByTestId('share').locator('summary', { hasText: 'Download' }).click();
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: label }).click()
	]);
	return readFile((await file.path())!, 'utf8');
}

/** An exported SVG as an editor would read it: it parses, and holds no script, handler or link. */
function inspectSvg(page: Page, text: string) {
	return page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			scripts: doc.querySelectorAll('script, foreignObject, iframe, image, a').length,
			handlers: [...doc.querySelectorAll('*')].flatMap((element) =>
				[...element.attributes]
					.filter((a) => a.name.startsWith('on') || a.name.endsWith('href'))
					.map((a) => a.name)
			),
			text: doc.documentElement.textContent ?? ''
		};
	}, text);
}

/** Imports bytes through the file picker with the suggested mapping and loads every row. */
async function importFile(page: Page, name: string, buffer: Buffer) {
	await page.getByRole('button', { name: 'Import data…' }).click();
	await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
	await page.getByRole('button', { name: /^Check \d+ rows$/ }).click();
	await page.getByRole('button', { name: /^Load \d+ events$/ }).click();
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
}

/** Tries a file that must be refused: the dialog says why, and the data stays as it was. */
async function expectRefused(page: Page, name: string, content: Buffer | string, reason: RegExp) {
	const before = await counts(page);
	// Through a file on disk: Playwright sends large buffers poorly, and a path is what a person picks.
	const path = join(await mkdtemp(join(tmpdir(), 'lw-hostile-')), name);
	await writeFile(path, content);
	await page.getByRole('button', { name: 'Import data…' }).click();
	await page.getByTestId('import-file').setInputFiles(path);
	await expect(page.getByTestId('import-error')).toContainText(reason, { timeout: 60_000 });
	await page
		.getByTestId('import-dialog')
		.getByRole('button', { name: 'Close', exact: true })
		.click();
	expect(await counts(page)).toEqual(before);
}

test.describe.configure({ timeout: 300_000 });

const CSV_ROWS = PAYLOAD_ROWS + 1;

test('a CSV with payloads in every field: every view, tooltip, detail and export stays inert', async ({
	page
}) => {
	const watched = await watch(page);
	await page.goto('/');
	await waitForReady(page);
	await importFile(page, '<img src=x onerror=window.__pwned=1>.csv', hostileCsv());
	console.info(
		`hostile CSV: ${Object.keys(PAYLOADS).length} payloads × ${FIELDS.length} fields, ${HOSTILE_COLUMNS.length} column names, a file name and a non-UTF-8 cell`
	);
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', String(CSV_ROWS));
	await expect(page.getByTestId('provenance')).toContainText('onerror');
	await expectSafe(page, watched);

	// Every event in the details panel, through the events table.
	const table = page.getByTestId('events-table');
	const titles = table.locator('tbody tr button');
	await expect(titles).toHaveCount(CSV_ROWS);
	for (let i = 0; i < CSV_ROWS; i++) {
		await titles.nth(i).click();
		await expect(page.getByTestId('details-title')).toHaveText(
			(await titles.nth(i).textContent())!.trim()
		);
	}
	await expect(page.getByTestId('details-title')).toBeVisible();
	// The one real link is the http(s) one, opened safely; the others are plain text.
	const links = page.locator('main a[href^="http"]:not([data-testid="open-dashboard"])');
	for (const link of await links.all()) {
		await expect(link).toHaveAttribute('href', /^https:\/\/example\.org\//);
		await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
	}
	await expectSafe(page, watched);

	// Every tooltip: hover each node of the network and each mark of the timeline.
	const nodes = page.getByTestId('network-view').locator('.node');
	for (let i = 0; i < (await nodes.count()); i++) await nodes.nth(i).hover({ force: true });
	const marks = page.getByTestId('timeline-view').locator('.mark');
	for (let i = 0; i < (await marks.count()); i++) await marks.nth(i).hover({ force: true });
	await expectSafe(page, watched);

	// The other view options, and the table alternatives.
	await page.getByTestId('timeline-view').getByRole('combobox').selectOption('actor');
	await page.getByTestId('network-view').getByRole('combobox').selectOption('country');
	for (const summary of await page.locator('summary', { hasText: /as a table/i }).all()) {
		await summary.click();
	}
	await expectSafe(page, watched);

	// Filters still work on hostile values: a payload actor, a payload lever, payload text.
	await nodes.first().click({ force: true });
	await page.getByRole('button', { name: 'Add to actor filter' }).click();
	await expect(page).toHaveURL(/actors=/);
	await expect.poll(async () => (await counts(page)).events).toBeLessThan(CSV_ROWS);
	await page.getByRole('button', { name: 'Clear all' }).click();
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', String(CSV_ROWS));
	await page.getByTestId('search').fill(PAYLOADS.sql!);
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', '1');
	await page.getByRole('button', { name: 'Clear all' }).click();
	await page
		.getByTestId('lever-filter')
		.getByRole('button', { name: /DROP TABLE/ })
		.click();
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', '1');
	await page.getByRole('button', { name: 'Clear all' }).click();
	await expect(page.getByTestId('counts')).toHaveAttribute('data-events', String(CSV_ROWS));
	await expectSafe(page, watched);

	// Exports: SVG files that parse and hold no script, handler or link; CSV cells that a
	// spreadsheet will not run.
	for (const chart of ['Network', 'Timeline']) {
		const svg = await inspectSvg(page, await download(page, `${chart} as SVG`));
		expect(svg.error).toBeNull();
		expect(svg.scripts).toBe(0);
		expect(svg.handlers).toEqual([]);
		expect(svg.text).toContain('DROP TABLE events');
	}
	const csv = parseCsv(await download(page, 'Events as CSV'));
	expect(csv).toHaveLength(CSV_ROWS);
	// A cell starting with = is written with a leading ' so that a spreadsheet keeps it as text.
	expect(csv.map((row) => row.title)).toContain(`'${PAYLOADS.formula}`);
	expect(new Set(csv.map((row) => String(row.source_url).replace(/\?.*/, '')))).toEqual(
		new Set(['', 'https://example.org/a'])
	);
	await expectSafe(page, watched);
});

test('JSON with payloads, NUL and control characters by ?data=, on the dashboard and in an embed', async ({
	page
}) => {
	const watched = await watch(page);
	await page.route('https://data.example/**', (route) =>
		route.fulfill({
			status: 200,
			contentType: 'application/json',
			headers: { 'access-control-allow-origin': '*' },
			body: hostileJson()
		})
	);
	const mapping = [...FIELDS, 'date'].map((field) => `${field}:${field}`).join(',');
	const data = encodeURIComponent('https://data.example/<script>x</script>.json');
	const rows = PAYLOAD_ROWS + 2;
	console.info(
		`hostile JSON: ${Object.keys(PAYLOADS).length + 2} payloads × ${FIELDS.length} fields, ${HOSTILE_COLUMNS.length} column names, on 4 pages`
	);
	for (const path of ['/', '/embed/board', '/embed/network', '/embed/timeline']) {
		await page.goto(`${path}?data=${data}&map=${encodeURIComponent(mapping)}`);
		await waitForReady(page);
		await expect(page.getByTestId('counts')).toHaveAttribute('data-events', String(rows));
		await expect(page.getByTestId('caption')).toContainText('data.example');
		await expectSafe(page, watched);
	}
	await page.goto(`/?data=${data}&map=${encodeURIComponent(mapping)}`);
	await waitForReady(page);
	const titles = page.getByTestId('events-table').locator('tbody tr button');
	for (let i = 0; i < rows; i++) await titles.nth(i).click();
	for (const chart of ['Network', 'Timeline']) {
		const svg = await inspectSvg(page, await download(page, `${chart} as SVG`));
		// NUL and other control characters are not allowed in XML: the file must still parse.
		expect(svg.error).toBeNull();
		expect(svg.scripts).toBe(0);
		expect(svg.handlers).toEqual([]);
	}
	await expectSafe(page, watched);
});

test('huge, deeply nested, NUL and invalid UTF-8 files are refused with a reason, keeping the data', async ({
	page
}) => {
	const watched = await watch(page);
	await page.goto('/');
	await waitForReady(page);
	const deep = `[{"date":"2025","actors":"x","deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}]`;
	const invalidUtf8 = Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + (i % 64)));
	const longLine = `date,actors,title\n2025,x,"${'a'.repeat(50 * 1024 ** 2)}"\n`;
	await expectRefused(page, 'deep.json', deep, /nested too deeply/);
	await expectRefused(page, 'nul.csv', Buffer.alloc(10_000), /binary data/);
	await expectRefused(page, 'bad.csv', invalidUtf8, /header but no rows/);
	await expectRefused(page, 'long.csv', longLine, /no rows|cannot be read/);
	await expectRefused(page, 'empty.json', '[]', /no rows/);
	await expectRefused(
		page,
		'scalar.json',
		'{"rows": "<script>window.__pwned=1</script>"}',
		/no array/
	);
	expect(await counts(page)).toEqual(countsOf(shipped.events));
	await expectSafe(page, watched);
});

/** Values for every URL parameter and message query: SQL, quotes, markup, prototype keys, junk. */
const PARAM_VALUES = [
	PAYLOADS.sql!,
	PAYLOADS.quotes!,
	PAYLOADS.script!,
	PAYLOADS.javascript!,
	'__proto__',
	'constructor',
	'%',
	'%E0%A4%A',
	'%00',
	// Long, but within the 16 kB of request head a static server (here Node's) accepts.
	'a'.repeat(1000),
	Array.from({ length: 100 }, (_, i) => `actor-${i}`).join(',')
];
/** Longer than any URL a server would take: only a message can carry them. */
const HUGE_VALUES = [
	'a'.repeat(100_000),
	Array.from({ length: 5000 }, (_, i) => `actor-${i}`).join(',')
];
const PARAMS = [...VIEW_PARAMS, 'id'];

const encodeParam = (value: string) => (/^%/.test(value) ? value : encodeURIComponent(value));

test('SQL, quotes, markup and junk in every URL parameter leave the shipped data intact', async ({
	page
}) => {
	const watched = await watch(page);
	for (const value of PARAM_VALUES) {
		const query = PARAMS.map((key) => `${key}=${encodeParam(value)}`).join('&');
		await page.goto(`/?${query}`);
		await waitForReady(page);
		await expectSafe(page, watched);
	}
	// Data parameters: unreadable or unsafe addresses and mappings are refused, with a notice.
	await page.route('https://data.example/**', (route) =>
		route.fulfill({
			status: 200,
			headers: { 'access-control-allow-origin': '*' },
			body: 'date,actors\n2025,x\n'
		})
	);
	const dataValues = [
		'javascript:window.__pwned=1',
		' JaVaScRiPt:window.__pwned=1',
		'data:text/csv,date%2Cactors%0A2025%2Cx',
		PAYLOADS.sql!,
		'__proto__'
	];
	for (const value of dataValues) {
		await page.goto(`/?data=${encodeURIComponent(value)}`);
		await waitForReady(page);
		await expect(page.getByTestId('notice')).toContainText('was not loaded');
		expect(await counts(page)).toEqual(countsOf(shipped.events));
		await expectSafe(page, watched);
	}
	// A mapping that names no date and actor columns stops at the mapping step for the person;
	// giving up there shows the shipped dataset.
	const mapValues = [
		PAYLOADS.sql!,
		PAYLOADS.script!,
		'__proto__:x,constructor:y',
		'%',
		'date:%E0%A4%A'
	];
	for (const value of mapValues) {
		await page.goto(
			`/?data=${encodeURIComponent('https://data.example/x.csv')}&map=${encodeParam(value)}`
		);
		await page.getByTestId('mapping').waitFor();
		await expectSafe(page, watched);
		await page
			.getByTestId('import-dialog')
			.getByRole('button', { name: 'Cancel', exact: true })
			.click();
		await waitForReady(page);
		expect(await counts(page)).toEqual(countsOf(shipped.events));
	}
	await page.goto('/');
	await waitForReady(page);
	expect(await counts(page)).toEqual(countsOf(shipped.events));
	console.info(
		`hostile URL parameters: ${PARAM_VALUES.length * PARAMS.length + dataValues.length + mapValues.length}`
	);
});

test('SQL, quotes, markup and junk in set-state messages leave the shipped data intact', async ({
	page
}) => {
	const watched = await watch(page);
	await page.goto('/');
	await waitForReady(page);
	const queries = [
		...PARAMS.flatMap((key) =>
			[...PARAM_VALUES, ...HUGE_VALUES].map((value) => `${key}=${encodeParam(value)}`)
		),
		// Raw, unencoded text as a careless host would send it, lone surrogates included.
		...PARAM_VALUES.map((value) => `q=${value}&actors=${value}`),
		'actors=\uD800&q=\uDFFF',
		`data=${encodeURIComponent('javascript:window.__pwned=1')}&map=date:x`,
		'__proto__=1&constructor=2&toString=3'
	];
	for (const query of queries) {
		const reply = await page.evaluate(
			(query) =>
				new Promise<unknown>((resolve) => {
					const listener = (event: MessageEvent) => {
						if (event.data?.type !== 'leverwatch:state') return;
						window.removeEventListener('message', listener);
						resolve(event.data);
					};
					window.addEventListener('message', listener);
					window.postMessage({ type: 'leverwatch:set-state', query }, '*');
				}),
			query
		);
		expect(reply).toMatchObject({ type: 'leverwatch:state' });
		await expect(page.locator('html')).toHaveAttribute('data-state', 'ready');
	}
	await expectSafe(page, watched);
	await page.goto('/');
	await waitForReady(page);
	expect(await counts(page)).toEqual(countsOf(shipped.events));
	console.info(`hostile set-state queries: ${queries.length}`);
});
