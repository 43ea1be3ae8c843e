import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../src/lib/state/filter';
import { captionLines, countsText, showingText } from '../../src/lib/views/caption/caption-text';

const names = new Map([['nvidia', 'Nvidia']]);

describe('caption text', () => {
	it('counts in words, singular and plural, with thousands separators', () => {
		expect(countsText({ events: 1, actors: 2, edges: 0 })).toBe('1 event · 2 actors · 0 links');
		expect(countsText({ events: 12_345, actors: 1, edges: 1 })).toBe(
			'12,345 events · 1 actor · 1 link'
		);
	});

	it('says what is shown, or that it is everything', () => {
		expect(showingText(NO_FILTER, names)).toBe('Showing all events');
		expect(showingText({ ...NO_FILTER, actors: ['nvidia'], levers: ['tariffs'] }, names)).toBe(
			'Showing Levers: Tariffs · Actors: Nvidia'
		);
	});

	it('gives an export what is shown, how much, and whose data it is', () => {
		expect(
			captionLines({
				filter: { ...NO_FILTER, q: 'H200' },
				names,
				counts: { events: 3, actors: 4, edges: 2 },
				source: 'my.csv (loaded from a file)'
			})
		).toEqual([
			'Showing Search: “H200” (3 events · 4 actors · 2 links)',
			'Data: my.csv (loaded from a file)',
			'Made with Leverwatch'
		]);
	});
});
