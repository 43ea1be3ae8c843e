import {
	symbol,
	symbolAsterisk,
	symbolCircle,
	symbolCross,
	symbolDiamond,
	symbolDiamond2,
	symbolPlus,
	symbolSquare,
	symbolSquare2,
	symbolStar,
	symbolTimes,
	symbolTriangle,
	symbolWye,
	type SymbolType
} from 'd3';
import type { SymbolName } from '$lib/model/statuses';

const TYPES: Record<SymbolName, { type: SymbolType; stroked: boolean }> = {
	circle: { type: symbolCircle, stroked: false },
	square: { type: symbolSquare, stroked: false },
	triangle: { type: symbolTriangle, stroked: false },
	diamond: { type: symbolDiamond, stroked: false },
	star: { type: symbolStar, stroked: false },
	wye: { type: symbolWye, stroked: false },
	cross: { type: symbolCross, stroked: false },
	plus: { type: symbolPlus, stroked: true },
	times: { type: symbolTimes, stroked: true },
	asterisk: { type: symbolAsterisk, stroked: true },
	diamond2: { type: symbolDiamond2, stroked: true },
	square2: { type: symbolSquare2, stroked: true }
};

const cache = new Map<string, string>();

/** SVG path data of a marker symbol centred on 0,0, with area `size` in square pixels. */
export function symbolPath(name: SymbolName, size: number): string {
	const key = `${name}|${size}`;
	let d = cache.get(key);
	if (d === undefined) {
		d = symbol(TYPES[name].type, size)() ?? '';
		cache.set(key, d);
	}
	return d;
}

/** Line symbols (plus, times…) are drawn with a stroke; the others are filled. */
export function isStroked(name: SymbolName): boolean {
	return TYPES[name].stroked;
}
