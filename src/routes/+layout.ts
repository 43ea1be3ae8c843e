// Every page is prerendered to static HTML; data loads in the browser, never on a server.
export const prerender = true;
