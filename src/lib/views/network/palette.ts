import { ACTOR_KINDS } from '$lib/model/event';

/**
 * Node fills. Light tints from Paul Tol's colour-blind-safe "light" scheme, each node outlined
 * in dark ink so its edge keeps 3:1 contrast whatever the fill; lever colours stay for links.
 */
const TINTS = [
	'#77AADD',
	'#EE8866',
	'#EEDD88',
	'#FFAABB',
	'#99DDFF',
	'#44BB99',
	'#BBCC33',
	'#DDDDDD'
];
export const NODE_OTHER = '#F2F2F2';
export const NODE_OUTLINE = '#333333';

const KIND_LABELS: Record<string, string> = {
	state: 'State',
	agency: 'Agency',
	company: 'Company',
	person: 'Person',
	group: 'Group',
	think_tank: 'Think tank',
	media: 'Media'
};

export interface PaletteEntry {
	value: string;
	label: string;
	colour: string;
}

/** Colours by actor kind, in the format's order. */
export function kindPalette(kinds: (string | null)[]): PaletteEntry[] {
	const present = new Set(kinds.map((kind) => kind ?? ''));
	const entries: PaletteEntry[] = ACTOR_KINDS.filter((kind) => present.has(kind)).map((kind) => ({
		value: kind,
		label: KIND_LABELS[kind] ?? kind,
		colour: TINTS[ACTOR_KINDS.indexOf(kind)]!
	}));
	if ([...present].some((kind) => !(ACTOR_KINDS as readonly string[]).includes(kind))) {
		entries.push({ value: '', label: 'Other or unknown', colour: NODE_OTHER });
	}
	return entries;
}

/** Colours by country: the most frequent get a tint of their own, the rest share one. */
export function countryPalette(countries: (string | null)[], distinct = 7): PaletteEntry[] {
	const counts = new Map<string, number>();
	for (const country of countries) {
		if (country) counts.set(country, (counts.get(country) ?? 0) + 1);
	}
	const top = [...counts]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.slice(0, distinct);
	const entries = top.map(([country], i) => ({
		value: country,
		label: country,
		colour: TINTS[i]!
	}));
	if (counts.size > top.length || countries.some((country) => !country)) {
		entries.push({ value: '', label: 'Other or none', colour: NODE_OTHER });
	}
	return entries;
}

export function colourOf(value: string | null, palette: PaletteEntry[]): string {
	return palette.find((entry) => entry.value === (value ?? ''))?.colour ?? NODE_OTHER;
}
