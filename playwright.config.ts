import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests run in real Chromium against the built static site (build/), served as a
 * static host would serve it. `npx playwright install` cannot download browsers here, so the
 * tests use Debian's Chromium unless CHROMIUM_PATH names another one.
 */
const chromium =
	process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// Another port lets two checkouts run their end-to-end tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: process.env.CI ? 2 : undefined,
	reporter: process.env.CI ? [['list']] : [['list']],
	// DuckDB-wasm takes a few seconds to instantiate on a 2-core machine, and on a loaded one
	// (two workers, each with a browser and a database) plain tests took up to 58 s.
	timeout: 120_000,
	expect: { timeout: 30_000 },
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		// A zone west of UTC, where a date read as local midnight would fall on the day before.
		timezoneId: 'America/Los_Angeles',
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromium,
					// Chromium's own background traffic is refused offline; keep it quiet.
					args: [
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run',
						// Embed tests put the site (here on 127.0.0.1) in a page of another origin, as a
						// public report would; Chromium would block that page from framing a loopback address.
						'--disable-features=LocalNetworkAccessChecks'
					]
				}
			}
		}
	],
	webServer: {
		// Serves build/ with the headers of build/_headers, so the site's policy is in force.
		command: `node tests/server/serve-build.js --host 127.0.0.1 --port ${PORT}`,
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: !process.env.CI
	}
});
