// Types for `?url` imports and SvelteKit's ambient modules.
/// <reference types="vite/client" />
/// <reference types="@sveltejs/kit" />

export {};
