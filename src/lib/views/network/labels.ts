/** A label candidate in screen coordinates, placed to the right of its node. */
export interface LabelCandidate {
	id: string;
	x: number;
	y: number;
	r: number;
	text: string;
	/** Higher first: bigger actors keep their labels. */
	priority: number;
}

export interface PlacedLabel {
	id: string;
	x: number;
	y: number;
}

/** Approximate width of text at the chart's label size; good enough to stop labels piling up. */
const CHAR_WIDTH = 6.2;
const LINE_HEIGHT = 13;

/**
 * Keeps the labels that fit: in priority order, a label is placed only where its box overlaps
 * no label already placed. Always-shown ids (hovered, selected) go first.
 */
export function thinLabels(
	candidates: LabelCandidate[],
	alwaysShow: ReadonlySet<string> = new Set(),
	maxLabels = 400
): PlacedLabel[] {
	const ordered = [...candidates].sort(
		(a, b) => Number(alwaysShow.has(b.id)) - Number(alwaysShow.has(a.id)) || b.priority - a.priority
	);
	const boxes: [number, number, number, number][] = [];
	const placed: PlacedLabel[] = [];
	for (const label of ordered) {
		if (placed.length >= maxLabels && !alwaysShow.has(label.id)) break;
		const x0 = label.x + label.r + 3;
		const y0 = label.y - LINE_HEIGHT / 2;
		const box: [number, number, number, number] = [
			x0,
			y0,
			x0 + label.text.length * CHAR_WIDTH,
			y0 + LINE_HEIGHT
		];
		const clashes = boxes.some(
			([a0, b0, a1, b1]) => box[0] < a1 && box[2] > a0 && box[1] < b1 && box[3] > b0
		);
		if (clashes && !alwaysShow.has(label.id)) continue;
		boxes.push(box);
		placed.push({ id: label.id, x: x0, y: label.y });
	}
	return placed;
}
