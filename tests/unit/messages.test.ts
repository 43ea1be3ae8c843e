import { describe, expect, it } from 'vitest';
import { isSetStateMessage, queryFromMessage, replyOrigin } from '../../src/lib/state/messages';

describe('leverwatch:set-state messages', () => {
	it('recognises only well-formed messages', () => {
		expect(isSetStateMessage({ type: 'leverwatch:set-state', query: 'levers=cyber' })).toBe(true);
		for (const data of [
			null,
			'leverwatch:set-state',
			{ type: 'leverwatch:set-state' },
			{ type: 'x', query: '' },
			{ type: 'leverwatch:set-state', query: 5 }
		]) {
			expect(isSetStateMessage(data)).toBe(false);
		}
	});

	it('applies view parameters only, keeping the current dataset parameters', () => {
		const search = queryFromMessage(
			{
				type: 'leverwatch:set-state',
				query: '?levers=cyber&data=https://evil.example/x.csv&map=date:d'
			},
			'data=https%3A%2F%2Fmine.example%2Fa.csv&levers=tariffs'
		);
		expect(search).toBe('data=https%3A%2F%2Fmine.example%2Fa.csv&levers=cyber');
	});

	it('answers opaque origins with a wildcard and others by name', () => {
		expect(replyOrigin('null')).toBe('*');
		expect(replyOrigin('https://news.example')).toBe('https://news.example');
	});
});
