import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { hardened } from './src/build/harden.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A static site: every route is prerendered into build/, which any static host serves,
		// under the Content-Security-Policy of src/build/csp.js.
		adapter: hardened(
			adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
			'build'
		)
	}
};

export default config;
