/** The status a lever is left in by an event (DESIGN.md, event format v1), in lifecycle order. */
export const STATUSES = [
	'proposed',
	'planned',
	'announced',
	'reported',
	'imposed',
	'in_force',
	'granted',
	'denied',
	'on_hold',
	'suspended',
	'lifted',
	'expired'
] as const;

export type Status = (typeof STATUSES)[number];

const LABELS: Record<Status, string> = {
	proposed: 'Proposed',
	planned: 'Planned',
	announced: 'Announced',
	reported: 'Reported',
	imposed: 'Imposed',
	in_force: 'In force',
	granted: 'Granted',
	denied: 'Denied',
	on_hold: 'On hold',
	suspended: 'Suspended',
	lifted: 'Lifted',
	expired: 'Expired'
};

/**
 * How a status is drawn, so that it reads without colour too: a phase gives the colour and the
 * fill pattern of a status track's segment, and each status has its own marker symbol.
 */
export type StatusPhase = 'pending' | 'active' | 'paused' | 'ended';

export interface PhaseStyle {
	label: string;
	colour: string;
	/** solid: in force; hatch: paused; dots: not yet in force; outline: no longer in force. */
	pattern: 'solid' | 'hatch' | 'dots' | 'outline';
}

export const PHASES: Record<StatusPhase, PhaseStyle> = {
	pending: { label: 'Proposed or announced', colour: '#3D6A99', pattern: 'dots' },
	active: { label: 'In force', colour: '#B3261E', pattern: 'solid' },
	paused: { label: 'On hold or suspended', colour: '#A15C00', pattern: 'hatch' },
	ended: { label: 'Lifted, expired or denied', colour: '#6E6E6E', pattern: 'outline' }
};

const PHASE_OF: Record<Status, StatusPhase> = {
	proposed: 'pending',
	planned: 'pending',
	announced: 'pending',
	reported: 'pending',
	imposed: 'active',
	in_force: 'active',
	granted: 'active',
	denied: 'ended',
	on_hold: 'paused',
	suspended: 'paused',
	lifted: 'ended',
	expired: 'ended'
};

/** d3-shape symbol names, one per status, so markers differ in shape as well as colour. */
export type SymbolName =
	| 'circle'
	| 'square'
	| 'triangle'
	| 'diamond'
	| 'star'
	| 'wye'
	| 'cross'
	| 'plus'
	| 'times'
	| 'asterisk'
	| 'diamond2'
	| 'square2';

const SYMBOL_OF: Record<Status, SymbolName> = {
	proposed: 'triangle',
	planned: 'diamond2',
	announced: 'star',
	reported: 'asterisk',
	imposed: 'square',
	in_force: 'circle',
	granted: 'plus',
	denied: 'times',
	on_hold: 'wye',
	suspended: 'square2',
	lifted: 'cross',
	expired: 'diamond'
};

/** Unknown statuses from imported data are drawn as pending, with a plain circle. */
export function statusPhase(value: string): StatusPhase {
	return isStatus(value) ? PHASE_OF[value] : 'pending';
}

export function statusSymbol(value: string): SymbolName {
	return isStatus(value) ? SYMBOL_OF[value] : 'circle';
}

export function isStatus(value: string): value is Status {
	return (STATUSES as readonly string[]).includes(value);
}

export function statusLabel(value: string): string {
	return isStatus(value) ? LABELS[value] : value.replaceAll('_', ' ');
}
