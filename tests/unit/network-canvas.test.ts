import { describe, expect, it, vi } from 'vitest';
import {
	drawFrame,
	drawLinkRange,
	HAIRLINE_UP_TO,
	linkCount,
	linkStroke,
	WIDE_COST
} from '../../src/lib/views/network/canvas-draw';
import type { NetworkNodeRow } from '../../src/lib/db/queries/network';
import { linksFromRows } from '../../src/lib/views/network/graph';
import { nodeAt, nodeTree } from '../../src/lib/views/network/hit';
import { CANVAS_LINKS, CANVAS_NODES, drawsOnCanvas } from '../../src/lib/views/network/marks';
import type { PlacedNode } from '../../src/lib/views/network/layout';
import { buildScene, sceneLabels } from '../../src/lib/views/network/scene';
import { sceneSvg } from '../../src/lib/views/network/scene-svg';

const placed = (id: string, x: number, y: number, r: number): PlacedNode => ({ id, x, y, r });

describe('nodeAt', () => {
	const nodes = [
		placed('big', 100, 100, 20),
		placed('small', 125, 100, 4),
		placed('far', 300, 300, 6)
	];
	const tree = nodeTree(nodes);
	const identity = { x: 0, y: 0, k: 1 };

	it('finds the node under the pointer, and none over the background', () => {
		expect(nodeAt(tree, identity, 90, 95, 20)?.id).toBe('big');
		expect(nodeAt(tree, identity, 302, 299, 20)?.id).toBe('far');
		expect(nodeAt(tree, identity, 200, 200, 20)).toBeUndefined();
	});

	it('where circles overlap, picks the one whose centre is nearest', () => {
		expect(nodeAt(tree, identity, 124, 101, 20)?.id).toBe('small');
	});

	it('follows pan and zoom: positions scale, radii stay in pixels', () => {
		const t = { x: 50, y: -20, k: 2 };
		// 'far' is drawn at (650, 580) with a 6 px radius.
		expect(nodeAt(tree, t, 655, 580, 20)?.id).toBe('far');
		expect(nodeAt(tree, t, 665, 580, 20)).toBeUndefined();
		expect(nodeAt(tree, identity, 655, 580, 20)).toBeUndefined();
	});
});

describe('drawsOnCanvas', () => {
	it('keeps SVG for small networks and draws large ones on a canvas', () => {
		expect(drawsOnCanvas(63, 120)).toBe(false);
		expect(drawsOnCanvas(CANVAS_NODES, CANVAS_LINKS)).toBe(false);
		expect(drawsOnCanvas(CANVAS_NODES + 1, 10)).toBe(true);
		expect(drawsOnCanvas(100, CANVAS_LINKS + 1)).toBe(true);
	});
});

const row = (id: string, name = id, events = 1): NetworkNodeRow => ({
	id,
	name,
	kind: 'state',
	country: null,
	events,
	as_actor: events,
	as_target: 0
});

describe('scene', () => {
	const nodes = [row('us', 'United <States>', 9), row('cn', 'China', 5), row('eu', 'EU', 2)];
	const links = linksFromRows([
		{ source: 'us', target: 'cn', lever: 'sanctions', events: 4 },
		{ source: 'cn', target: 'us', lever: 'tariffs', events: 1 },
		{ source: 'eu', target: 'cn', lever: 'sanctions', events: 1 },
		{ source: 'eu', target: 'gone', lever: 'cyber', events: 1 }
	]);
	const at = new Map([
		['us', placed('us', 0, 0, 20)],
		['cn', placed('cn', 100, 0, 10)],
		['eu', placed('eu', 50, 80, 5)]
	]);
	const input = {
		nodes,
		links,
		relations: [],
		position: (id: string) => at.get(id),
		fill: () => '#77AADD',
		highlight: undefined,
		focused: undefined,
		pinned: new Set<string>()
	};

	it('batches every drawable link once, by stroke', () => {
		const scene = buildScene(input);
		const drawn = scene.batches.flatMap((batch) =>
			batch.links.map((l) => `${l.source.id}>${l.target.id}`)
		);
		expect(drawn.sort()).toEqual(['cn>us', 'eu>cn', 'us>cn']);
		const batchOf = (source: string, target: string) =>
			scene.batches.find((batch) =>
				batch.links.some((l) => l.source.id === source && l.target.id === target)
			)!;
		// Four events make a thicker line than one, on the same lever's colour.
		expect(batchOf('us', 'cn').width).toBeGreaterThan(batchOf('eu', 'cn').width);
		expect(batchOf('us', 'cn').colour).toBe(batchOf('eu', 'cn').colour);
	});

	it('draws highlighted links over the faded rest', () => {
		const scene = buildScene({ ...input, highlight: new Set(['us', 'cn']) });
		const last = scene.batches.at(-1)!;
		expect(last.opacity).toBeGreaterThan(scene.batches[0]!.opacity);
		// Arrowheads only where a link is visible enough to show its direction.
		expect(last.arrows).toBe(true);
		expect(scene.batches[0]!.arrows).toBe(false);
		expect(last.links.every((l) => l.source.id !== 'eu')).toBe(true);
		expect(scene.nodes.find((n) => n.at.id === 'eu')!.opacity).toBeLessThan(1);
	});

	it('exports as SVG with every actor titled, names escaped and arrowheads defined', () => {
		const scene = buildScene(input);
		const transform = { x: 20, y: 30, k: 1.5 };
		const labels = sceneLabels(scene, transform, new Set());
		const svg = sceneSvg(scene, { transform, labels, width: 400, height: 300, ink: '#1a1a1a' });
		const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
		expect(titles).toEqual([
			'United &lt;States&gt;: 9 events, 9 as actor, 0 as target',
			'China: 5 events, 5 as actor, 0 as target',
			'EU: 2 events, 2 as actor, 0 as target'
		]);
		expect(svg).not.toContain('<States>');
		expect(svg.match(/<circle /g)).toHaveLength(3);
		expect(svg.match(/<path d="M[^"]*Q/g)).toHaveLength(3);
		// The node 'us' at (0, 0) is drawn where the canvas draws it.
		expect(svg).toContain('translate(20,30)');
		for (const [, id] of svg.matchAll(/url\(#([^)]+)\)/g)) expect(svg).toContain(`id="${id}"`);
		expect(svg).toContain('>United &lt;States&gt;</text>');
	});
});

describe('drawLinkRange', () => {
	/** A context that records where each curve starts, and how each batch is stroked. */
	function recorder() {
		const starts: string[] = [];
		const strokes: { colour: string; width: number; opacity: number }[] = [];
		const context = {
			globalAlpha: 1,
			strokeStyle: '',
			fillStyle: '',
			lineWidth: 1,
			beginPath() {},
			moveTo(x: number, y: number) {
				starts.push(`${Math.round(x)},${Math.round(y)}`);
			},
			quadraticCurveTo() {},
			stroke() {
				strokes.push({
					colour: this.strokeStyle,
					width: this.lineWidth,
					opacity: this.globalAlpha
				});
			},
			fill() {}
		};
		return { context: context as unknown as CanvasRenderingContext2D, starts, strokes };
	}
	class FakePath {
		moveTo() {}
		lineTo() {}
		closePath() {}
	}

	/** Eight actors, each linked to the next three with 1, 2 and 3 events. */
	function ringScene() {
		const nodes = Array.from({ length: 8 }, (_, i) => row(`n${i}`, `n${i}`, 8 - i));
		const at = new Map(nodes.map((n, i) => [n.id, placed(n.id, i * 40, (i % 3) * 30, 4)]));
		const links = linksFromRows(
			nodes.flatMap((n, i) =>
				[1, 2, 3].map((step) => ({
					source: n.id,
					target: nodes[(i + step) % 8]!.id,
					lever: ['sanctions', 'tariffs', 'cyber'][step - 1]!,
					events: step
				}))
			)
		);
		return buildScene({
			nodes,
			links,
			relations: [],
			position: (id) => at.get(id),
			fill: () => '#77AADD',
			highlight: new Set(['n0', 'n1', 'n2']),
			focused: undefined,
			pinned: new Set()
		});
	}

	it('draws every link once, in order, however the frames split them', () => {
		vi.stubGlobal('Path2D', FakePath);
		const scene = ringScene();
		const total = linkCount(scene);
		expect(total).toBe(24);
		const t = { x: 10, y: 20, k: 1.5 };
		const whole = recorder();
		expect(drawLinkRange(whole.context, scene, t, 0, Infinity, 1)).toBe(total);

		// A hairline costs 1 and a wide link 8: budgets that leave some over within a batch too.
		const costs = scene.batches.flatMap((batch) =>
			batch.links.map(() => linkStroke(batch, 1).cost)
		);
		expect(new Set(costs)).toEqual(new Set([1, WIDE_COST]));
		for (const budget of [1, 5, 11, 13, 40]) {
			const split = recorder();
			let next = 0;
			let calls = 0;
			while (next < total) {
				const from = next;
				next = drawLinkRange(split.context, scene, t, from, budget, 1);
				// Every call draws something, spends its budget (going over by less than one
				// wide link, its last) and stops only when the next link would go over.
				expect(next).toBeGreaterThan(from);
				const spent = costs.slice(from, next).reduce((sum, cost) => sum + cost, 0);
				expect(spent).toBeLessThan(budget + WIDE_COST);
				if (next < total) expect(spent + costs[next]!).toBeGreaterThan(budget);
				calls += 1;
			}
			expect(calls).toBeGreaterThan(1);
			expect(split.starts).toEqual(whole.starts);
			// Batches keep their order (faint first), split or not.
			const colours = (r: ReturnType<typeof recorder>) => [
				...new Set(r.strokes.map((s) => s.colour))
			];
			expect(colours(split)).toEqual(colours(whole));
			expect(drawLinkRange(split.context, scene, t, total, budget, 1)).toBe(total);
		}
		vi.unstubAllGlobals();
	});

	it('strokes faint thin links as one-device-pixel hairlines that keep their weight', () => {
		vi.stubGlobal('Path2D', FakePath);
		const scene = ringScene();
		const drawn = recorder();
		drawLinkRange(drawn.context, scene, { x: 0, y: 0, k: 1 }, 0, Infinity, 2);
		// One stroke per batch, in the batches' order.
		const strokeOf = (batch: (typeof scene.batches)[number]) =>
			drawn.strokes[scene.batches.indexOf(batch)]!;
		const thin = scene.batches.filter((batch) => batch.width <= HAIRLINE_UP_TO);
		const faint = thin.find((batch) => batch.opacity === 0.06)!;
		const highlighted = thin.find((batch) => batch.opacity === 0.95)!;
		const wide = scene.batches.find((batch) => batch.width > HAIRLINE_UP_TO)!;
		expect(faint.width).toBe(1.25);
		// At 2 device pixels per CSS pixel: half a CSS pixel, with 1.25 × 2 times the opacity.
		expect(strokeOf(faint).width).toBe(0.5);
		expect(strokeOf(faint).opacity).toBeCloseTo(0.15);
		// A highlighted link would need more than full opacity as a hairline: it keeps its width.
		expect(strokeOf(highlighted)).toEqual({
			colour: highlighted.colour,
			width: 1.25,
			opacity: 0.95
		});
		expect(strokeOf(wide)).toEqual({
			colour: wide.colour,
			width: wide.width,
			opacity: wide.opacity
		});
		vi.unstubAllGlobals();
	});

	it('outlines actors with one device pixel (a fast path to rasterise), a focused one wider', () => {
		const scene = buildScene({
			nodes: [row('a', 'A', 3), row('b', 'B', 2)],
			links: [],
			relations: [],
			position: (id) => (id === 'a' ? placed('a', 0, 0, 6) : placed('b', 30, 0, 4)),
			fill: () => '#77AADD',
			highlight: undefined,
			focused: 'b',
			pinned: new Set()
		});
		const outlines = (dpr: number) => {
			const widths: number[] = [];
			// Every drawing call is a no-op; strokes note the width they are drawn at.
			const context = new Proxy({ lineWidth: 1 } as Record<string | symbol, unknown>, {
				get: (target, key) =>
					key in target
						? target[key]
						: key === 'stroke'
							? () => widths.push(target.lineWidth as number)
							: () => undefined
			}) as unknown as CanvasRenderingContext2D;
			const frame = {
				scene,
				transform: { x: 0, y: 0, k: 1 },
				labels: [],
				ring: undefined,
				width: 100,
				height: 100,
				ink: '#000',
				focus: '#00f',
				font: '11px sans-serif'
			};
			drawFrame(context, frame, { image: {} as CanvasImageSource, at: frame.transform }, dpr);
			return widths;
		};
		expect(outlines(1)).toEqual([1, 3]);
		expect(outlines(2)).toEqual([0.5, 3]);
	});
});
