import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// duckdb-wasm ships prebuilt workers and wasm that the app imports by URL; pre-bundling it
	// would rewrite those paths.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	server: { fs: { allow: ['data'] } },
	// The dataset is fetched as files of its own, never inlined into the JavaScript.
	build: { assetsInlineLimit: (file) => (file.endsWith('.csv') ? false : undefined) },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Dates are calendar dates in UTC: tests run west of UTC, where a date read as local
		// midnight would fall on the day before.
		env: { TZ: 'America/Los_Angeles' },
		// DuckDB-wasm's first start in Node takes about a second; queries on fixtures are fast.
		testTimeout: 20_000
	}
});
