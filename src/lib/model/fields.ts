import { parseCalendarDate } from './dates';
import type { CalendarDate, RawRow } from './event';
import type { Issue } from './issues';

/** Reads the fields of one raw row, collecting an issue for each value it cannot use. */
export class RowReader {
	readonly issues: Issue[] = [];

	constructor(
		private readonly raw: RawRow,
		private readonly table: string,
		private readonly row: number
	) {}

	get hasErrors(): boolean {
		return this.issues.some((issue) => issue.severity === 'error');
	}

	report(severity: Issue['severity'], field: string, value: string | undefined, message: string) {
		this.issues.push({ severity, table: this.table, row: this.row, field, value, message });
	}

	/** Trimmed text, or undefined when empty or missing. Numbers are read as their text. */
	text(field: string): string | undefined {
		const value = this.raw[field];
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'number' || typeof value === 'bigint') return String(value);
		if (typeof value !== 'string') {
			this.report('error', field, safeString(value), 'expected text');
			return undefined;
		}
		const trimmed = value.trim();
		return trimmed === '' ? undefined : trimmed;
	}

	required(field: string): string | undefined {
		const value = this.text(field);
		if (value === undefined && !this.issues.some((issue) => issue.field === field)) {
			this.report('error', field, undefined, 'is required but empty');
		}
		return value;
	}

	/** A list: an array of texts (JSON) or `;`-separated text (CSV). Empty items are dropped. */
	list(field: string): string[] {
		const value = this.raw[field];
		if (value === undefined || value === null) return [];
		const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(';') : [];
		if (!Array.isArray(value) && typeof value !== 'string') {
			this.report('error', field, safeString(value), 'expected a list of texts');
			return [];
		}
		const texts: string[] = [];
		for (const item of items) {
			if (typeof item !== 'string' && typeof item !== 'number') {
				this.report('error', field, safeString(item), 'expected a list of texts');
				continue;
			}
			const trimmed = String(item).trim();
			if (trimmed !== '' && !texts.includes(trimmed)) texts.push(trimmed);
		}
		return texts;
	}

	date(field: string, required = false): CalendarDate | undefined {
		const text = required ? this.required(field) : this.text(field);
		if (text === undefined) return undefined;
		const date = parseCalendarDate(text);
		if (!date) {
			this.report('error', field, text, 'not a date; expected YYYY-MM-DD, YYYY-MM or YYYY');
		}
		return date;
	}

	/** An `http:` or `https:` link; anything else is reported and dropped so it is never rendered. */
	link(field: string): string | undefined {
		const text = this.text(field);
		if (text === undefined) return undefined;
		if (!isWebLink(text)) {
			this.report('warning', field, text, 'not an http(s) link; it is left out');
			return undefined;
		}
		return text;
	}
}

export function isWebLink(text: string): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

function safeString(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return Object.prototype.toString.call(value);
	}
}
