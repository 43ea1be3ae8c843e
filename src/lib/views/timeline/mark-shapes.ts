import { pathRound } from 'd3';
import { leverColour } from '$lib/model/levers';
import { statusSymbol } from '$lib/model/statuses';
import { isStroked, symbolPath } from './symbols';

/** A dated event is a point, an event with a stated end a period, a vaguer date a span. */
export type MarkKind = 'point' | 'span' | 'period';

/**
 * How an event's mark is painted, around its own origin (its first day, on its row's centre
 * line). Every kind is one path with the same attributes, so the timeline builds each mark from
 * one template with no branch and no spread of attributes: building thousands of marks is what
 * a filter change that brings exact marks back spends its time on.
 */
export interface MarkShape {
	d: string;
	fill: string;
	fillOpacity: number;
	stroke: string;
	strokeWidth: number;
	dash: string | undefined;
}

const POINT_AREA = 70;

export function markShape(
	kind: MarkKind,
	lever: string | null,
	status: string | null,
	width: number
): MarkShape {
	const colour = leverColour(lever ?? '');
	if (kind === 'point') {
		const symbolName = statusSymbol(status ?? '');
		const stroked = isStroked(symbolName);
		return {
			d: symbolPath(symbolName, POINT_AREA),
			fill: stroked ? 'none' : colour,
			fillOpacity: 1,
			stroke: stroked ? colour : '#fff',
			strokeWidth: stroked ? 2 : 0.8,
			dash: undefined
		};
	}
	return {
		d: roundedBar(Math.max(3, width), kind === 'period' ? 8 : 10, 2),
		fill: colour,
		fillOpacity: kind === 'period' ? 0.85 : 0.25,
		stroke: colour,
		strokeWidth: 1,
		dash: kind === 'span' ? '3 2' : undefined
	};
}

/** A bar from x = 0, centred on y = 0, its corners rounded as SVG's `rect` rounds them. */
function roundedBar(width: number, height: number, radius: number): string {
	const r = Math.min(radius, width / 2, height / 2);
	const [top, bottom] = [-height / 2, height / 2];
	const bar = pathRound(1);
	bar.moveTo(r, top);
	bar.arcTo(width, top, width, bottom, r);
	bar.arcTo(width, bottom, 0, bottom, r);
	bar.arcTo(0, bottom, 0, top, r);
	bar.arcTo(0, top, width, top, r);
	bar.closePath();
	return bar.toString();
}
