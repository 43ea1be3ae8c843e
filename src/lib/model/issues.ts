/** A problem found in a row of data, precise enough for a person to find and fix it. */
export interface Issue {
	severity: 'error' | 'warning';
	/** Which table: events, actors or relations. */
	table: string;
	/** 1-based data row (the header is not counted). */
	row?: number;
	field?: string;
	value?: string;
	message: string;
}

const MAX_SHOWN_VALUE = 60;

function shown(value: string): string {
	return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
}

/** One line such as: events row 3, field "date", value "2025-13-01": not a date (…). */
export function describeIssue(issue: Issue): string {
	const where = [issue.table + (issue.row === undefined ? '' : ` row ${issue.row}`)];
	if (issue.field !== undefined) where.push(`field "${issue.field}"`);
	if (issue.value !== undefined) where.push(`value "${shown(issue.value)}"`);
	return `${where.join(', ')}: ${issue.message}`;
}
