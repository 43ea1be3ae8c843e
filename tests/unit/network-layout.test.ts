import { describe, expect, it } from 'vitest';
import type { NetworkEdgeRow, NetworkNodeRow } from '../../src/lib/db/queries/network';
import { linksFromRows, neighbourhood, sameMembers } from '../../src/lib/views/network/graph';
import { thinLabels } from '../../src/lib/views/network/labels';
import { fitTransform, layoutNetwork } from '../../src/lib/views/network/layout';
import { layoutInput, layoutRequest } from '../../src/lib/views/network/layout-message';
import { countryPalette, kindPalette } from '../../src/lib/views/network/palette';
import { provisionalPlacement } from '../../src/lib/views/network/provisional';

const node = (id: string, events: number, kind = 'state'): NetworkNodeRow => ({
	id,
	name: id,
	kind,
	country: null,
	events,
	as_actor: events,
	as_target: 0
});
const edge = (source: string, target: string, lever: string, events = 1): NetworkEdgeRow => ({
	source,
	target,
	lever,
	events
});

describe('linksFromRows', () => {
	it('folds levers into one link per pair, coloured by the busiest lever', () => {
		const links = linksFromRows([
			edge('us', 'cn', 'tariffs', 1),
			edge('us', 'cn', 'sanctions', 3),
			edge('cn', 'us', 'tariffs', 2),
			edge('us', 'us', 'cyber', 1)
		]);
		expect(links).toEqual([
			{
				source: 'us',
				target: 'cn',
				events: 4,
				lever: 'sanctions',
				levers: [
					{ lever: 'sanctions', events: 3 },
					{ lever: 'tariffs', events: 1 }
				],
				mutual: true
			},
			{
				source: 'cn',
				target: 'us',
				events: 2,
				lever: 'tariffs',
				levers: [{ lever: 'tariffs', events: 2 }],
				mutual: true
			}
		]);
		expect([...neighbourhood('cn', links)].sort()).toEqual(['cn', 'us']);
	});

	it('tells a highlight of the same actors from a different one, in any order', () => {
		expect(sameMembers(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
		expect(sameMembers(undefined, undefined)).toBe(true);
		expect(sameMembers(new Set(['a', 'b']), new Set(['a', 'c']))).toBe(false);
		expect(sameMembers(new Set(['a']), new Set(['a', 'b']))).toBe(false);
		expect(sameMembers(new Set(), undefined)).toBe(false);
	});
});

describe('layoutNetwork', () => {
	const nodes = Array.from({ length: 40 }, (_, i) => node(`a${i}`, (i % 7) + 1));
	const links = linksFromRows(
		nodes.slice(1).map((n, i) => edge(nodes[i % 5]!.id, n.id, 'sanctions'))
	);

	it('gives the same picture for the same data, every time', () => {
		const a = layoutNetwork(nodes, links, { width: 600, height: 600 });
		const b = layoutNetwork(nodes, links, { width: 600, height: 600 });
		expect([...a.values()]).toEqual([...b.values()]);
	});

	it("lays out what a worker's message carries as it lays out the network itself", () => {
		const pinned = new Map([['a3', { x: 10, y: 20 }]]);
		const options = { width: 600, height: 600, pinned };
		const request = structuredClone(layoutRequest(7, nodes, links, options));
		const input = layoutInput(request);
		expect(request.id).toBe(7);
		expect([...layoutNetwork(input.nodes, input.links, input.options).values()]).toEqual([
			...layoutNetwork(nodes, links, options).values()
		]);
		const stray = layoutRequest(8, nodes, [...links, { source: 'a1', target: 'nobody' }], options);
		expect(() => layoutInput(stray)).toThrow(/node not found/);
	});

	it('keeps nodes apart and pinned nodes where they were put', () => {
		const pinned = new Map([['a3', { x: 10, y: 20 }]]);
		const placed = layoutNetwork(nodes, links, { width: 600, height: 600, pinned });
		expect(placed.get('a3')).toMatchObject({ x: 10, y: 20 });
		const all = [...placed.values()];
		let overlaps = 0;
		for (const p of all) {
			for (const q of all) {
				if (p !== q && Math.hypot(p.x - q.x, p.y - q.y) < (p.r + q.r) * 0.8) overlaps++;
			}
		}
		expect(overlaps).toBe(0);
	});

	it('keeps a large network apart too, where it cools faster and collides late', () => {
		const many = Array.from({ length: 900 }, (_, i) => node(`n${i}`, Math.ceil(900 / (i + 1))));
		const ring = linksFromRows(
			many.flatMap((n, i) => [
				edge(n.id, many[(i + 1) % 900]!.id, 'tariffs'),
				edge(many[i % 30]!.id, n.id, 'sanctions')
			])
		);
		const side = Math.sqrt(many.length) * 70;
		const placed = [...layoutNetwork(many, ring, { width: side, height: side }).values()];
		expect(placed).toHaveLength(900);
		let overlapping = 0;
		for (const p of placed) {
			if (placed.some((q) => p !== q && Math.hypot(p.x - q.x, p.y - q.y) < (p.r + q.r) * 0.8))
				overlapping++;
		}
		// A few in the densest hubs at most.
		expect(overlapping).toBeLessThanOrEqual(9);
	});

	it('fits every node into the frame', () => {
		const placed = layoutNetwork(nodes, links, { width: 900, height: 900 });
		const t = fitTransform(placed.values(), 300, 200, 10);
		for (const p of placed.values()) {
			expect(t.x + t.k * p.x).toBeGreaterThanOrEqual(10 - 1e-6);
			expect(t.x + t.k * p.x).toBeLessThanOrEqual(290 + 1e-6);
			expect(t.y + t.k * p.y).toBeGreaterThanOrEqual(10 - 1e-6);
			expect(t.y + t.k * p.y).toBeLessThanOrEqual(190 + 1e-6);
		}
	});
});

describe('thinLabels', () => {
	it('keeps the labels of bigger actors where labels would overlap', () => {
		const placed = thinLabels([
			{ id: 'small', x: 100, y: 100, r: 4, text: 'Small actor', priority: 1 },
			{ id: 'big', x: 102, y: 104, r: 4, text: 'Big actor', priority: 9 },
			{ id: 'far', x: 400, y: 100, r: 4, text: 'Far away', priority: 0 }
		]);
		expect(placed.map((label) => label.id)).toEqual(['big', 'far']);
	});

	it('shows the labels it is told to first, ahead of bigger actors', () => {
		const placed = thinLabels(
			[
				{ id: 'small', x: 100, y: 100, r: 4, text: 'Small actor', priority: 1 },
				{ id: 'big', x: 102, y: 104, r: 4, text: 'Big actor', priority: 9 }
			],
			new Set(['small'])
		);
		expect(placed.map((label) => label.id)).toEqual(['small']);
	});
});

describe('palettes', () => {
	it('colours kinds in the format order and groups unknown kinds', () => {
		expect(kindPalette(['company', 'state', 'ngo']).map((entry) => entry.label)).toEqual([
			'State',
			'Company',
			'Other or unknown'
		]);
	});

	it('gives the most frequent countries a colour each and groups the rest', () => {
		const entries = countryPalette(['US', 'US', 'CN', 'FR', null], 2);
		expect(entries.map((entry) => entry.value)).toEqual(['US', 'CN', '']);
	});
});

describe('provisionalPlacement', () => {
	it('keeps actors on screen where they are and starts new ones among their neighbours', () => {
		const previous = new Map([
			['us', { id: 'us', x: 100, y: 100, r: 10 }],
			['cn', { id: 'cn', x: 300, y: 100, r: 10 }]
		]);
		const nodes = [node('us', 5), node('cn', 3), node('eu', 1), node('ru', 1), node('jp', 1)];
		const links = linksFromRows([edge('us', 'eu', 'tariffs'), edge('eu', 'cn', 'tariffs')]);
		const placed = provisionalPlacement(nodes, links, previous, 1000);
		expect(placed.get('us')).toMatchObject({ x: 100, y: 100 });
		expect(placed.get('cn')).toMatchObject({ x: 300, y: 100 });
		// Between its two neighbours, give or take a spiral step.
		expect(Math.hypot(placed.get('eu')!.x - 200, placed.get('eu')!.y - 100)).toBeLessThan(20);
		// Actors with no neighbour on screen start near the centre, each in a place of its own.
		for (const id of ['ru', 'jp']) {
			expect(Math.hypot(placed.get(id)!.x - 500, placed.get(id)!.y - 500)).toBeLessThan(30);
		}
		expect(placed.get('ru')).not.toEqual(placed.get('jp'));
		// Sizes follow the new counts.
		expect(placed.get('us')!.r).toBeGreaterThan(placed.get('eu')!.r);
	});
});
