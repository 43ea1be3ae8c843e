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

export function isStatus(value: string): value is Status {
	return (STATUSES as readonly string[]).includes(value);
}

export function statusLabel(value: string): string {
	return isStatus(value) ? LABELS[value] : value.replaceAll('_', ' ');
}
