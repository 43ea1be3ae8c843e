import { describe, expect, it } from 'vitest';
import {
	frameId,
	heightMessages,
	isSetStateMessage,
	queryFromMessage,
	replyOrigin
} from '../../src/lib/state/messages';

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

describe('height messages', () => {
	it('names the embed by its id parameter, or leverwatch', () => {
		expect(frameId('levers=cyber&id=story-1')).toBe('story-1');
		expect(frameId('?id=AbC12')).toBe('AbC12');
		expect(frameId('levers=cyber')).toBe('leverwatch');
		expect(frameId('id=')).toBe('leverwatch');
		expect(frameId('id=%3Cscript%3E')).toBe('leverwatch');
		expect(frameId(`id=${'x'.repeat(65)}`)).toBe('leverwatch');
	});

	it('posts whole pixels, in Leverwatch and Datawrapper form', () => {
		expect(heightMessages('story-1', 612.2)).toEqual([
			{ type: 'leverwatch:height', height: 613 },
			{ 'datawrapper-height': { 'story-1': 613 } }
		]);
	});
});
