/**
 * The lever taxonomy: the kinds of policy lever the shipped data uses, in the order views list
 * them. Colours follow Okabe–Ito's colour-blind-safe hues, darkened where needed so that every
 * mark keeps at least 3:1 contrast on white (WCAG 1.4.11); imported data may bring other
 * categories, which get `OTHER_LEVER_COLOUR`.
 */
export interface LeverType {
	id: string;
	label: string;
	colour: string;
}

export const LEVER_TYPES: readonly LeverType[] = [
	{ id: 'sanctions', label: 'Sanctions', colour: '#D55E00' },
	{ id: 'export_controls', label: 'Export controls', colour: '#0072B2' },
	{ id: 'chip_licences', label: 'Chip licences', colour: '#009E73' },
	{ id: 'tariffs', label: 'Tariffs', colour: '#B07A00' },
	{ id: 'critical_minerals', label: 'Critical minerals', colour: '#882255' },
	{ id: 'cyber', label: 'Cyber', colour: '#CC79A7' },
	{ id: 'diplomacy', label: 'Diplomacy', colour: '#332288' },
	{ id: 'coordination', label: 'Coordination', colour: '#6B6B6B' }
];

export const OTHER_LEVER_COLOUR = '#4D4D4D';

const byId = new Map(LEVER_TYPES.map((lever) => [lever.id, lever]));

export function leverLabel(id: string): string {
	return byId.get(id)?.label ?? id.replaceAll('_', ' ');
}

export function leverColour(id: string): string {
	return byId.get(id)?.colour ?? OTHER_LEVER_COLOUR;
}

/** Sort key that keeps known levers in taxonomy order and puts imported categories after them. */
export function leverRank(id: string): number {
	const index = LEVER_TYPES.findIndex((lever) => lever.id === id);
	return index === -1 ? LEVER_TYPES.length : index;
}
