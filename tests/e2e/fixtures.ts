import { expect, test as base } from '@playwright/test';

/** What a page reported through `securitypolicyviolation`: the policy refused something. */
export interface Violation {
	directive: string;
	blocked: string;
	sample: string;
	page: string;
}

export interface CspWatch {
	/** The violations reported so far, which then no longer fail the test. */
	take(): Violation[];
}

declare global {
	interface Window {
		__lwCspViolation?: (violation: Violation) => void;
	}
}

/**
 * Playwright's `test`, failing any test in which a page or frame of the site violates its
 * Content-Security-Policy: whatever a test does, the site must work under the policy. A test that
 * provokes a violation on purpose collects it with `csp.take()`.
 */
export const test = base.extend<{ csp: CspWatch }>({
	csp: [
		async ({ context }, use) => {
			const violations: Violation[] = [];
			await context.exposeBinding('__lwCspViolation', (_source, violation: Violation) => {
				violations.push(violation);
			});
			await context.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (event) =>
					window.__lwCspViolation?.({
						directive: event.effectiveDirective,
						blocked: event.blockedURI,
						sample: event.sample,
						page: event.documentURI
					})
				);
			});
			await use({ take: () => violations.splice(0) });
			expect(violations, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };
