import { describe, expect, it } from 'vitest';
import {
	embedSearch,
	embedSnippet,
	isEmbedView,
	withoutFrameId
} from '../../src/lib/export/snippet';

describe('embed URLs', () => {
	it('knows the views that can be embedded', () => {
		expect(['network', 'timeline', 'board'].every(isEmbedView)).toBe(true);
		expect(isEmbedView('filters')).toBe(false);
		expect(isEmbedView('')).toBe(false);
	});

	it('drops the frame id for the dashboard and sets it for an embed', () => {
		expect(withoutFrameId('?levers=cyber&id=story&q=x')).toBe('levers=cyber&q=x');
		expect(withoutFrameId('id=story')).toBe('');
		expect(withoutFrameId('idea=1')).toBe('idea=1');
		expect(embedSearch('levers=cyber&id=old', 'new one')).toBe('levers=cyber&id=new%20one');
		expect(embedSearch('levers=cyber')).toBe('levers=cyber');
		expect(embedSearch('', 'a')).toBe('id=a');
	});
});

describe('embedSnippet', () => {
	it('writes an iframe with the URL, a title and a bounded height', () => {
		expect(
			embedSnippet({
				src: 'https://leverwatch.example/embed/network?levers=cyber&actors=us',
				title: 'Leverwatch: who acted on whom',
				height: 520.4
			})
		).toBe(
			'<iframe src="https://leverwatch.example/embed/network?levers=cyber&amp;actors=us" ' +
				'title="Leverwatch: who acted on whom" width="100%" height="520" ' +
				'style="border: 0; max-width: 100%" loading="lazy"></iframe>'
		);
		expect(embedSnippet({ src: 'https://x.example/', title: 't', height: 10 })).toContain(
			'height="200"'
		);
		expect(embedSnippet({ src: 'https://x.example/', title: 't', height: NaN })).toContain(
			'height="200"'
		);
	});

	it('keeps text in attributes as text', () => {
		const html = embedSnippet({
			src: 'https://x.example/embed/board?q=%22%3E',
			title: 'a "quoted" <title> & more',
			height: 600
		});
		expect(html).toContain('title="a &quot;quoted&quot; &lt;title&gt; &amp; more"');
		expect(html.match(/"/g)).toHaveLength(12);
	});
});
