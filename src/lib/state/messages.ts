import type { Counts } from '$lib/db/queries/counts';
import { decodeQuery, encodeQuery } from './url';

/** A host page asks for a view (DESIGN.md, "Messages"). */
export interface SetStateMessage {
	type: 'leverwatch:set-state';
	query: string;
}

/** The answer, sent to whoever asked once the view is painted. */
export interface StateMessage {
	type: 'leverwatch:state';
	query: string;
	counts: Counts;
}

export function isSetStateMessage(data: unknown): data is SetStateMessage {
	return (
		typeof data === 'object' &&
		data !== null &&
		(data as { type?: unknown }).type === 'leverwatch:set-state' &&
		typeof (data as { query?: unknown }).query === 'string'
	);
}

/**
 * The query string a message asks for, in canonical form. Only view state passes: parameters
 * that load data (`data`, `map`) are dropped on this path, and the current ones are kept.
 */
export function queryFromMessage(message: SetStateMessage, current: string): string {
	return encodeQuery(decodeQuery(message.query.slice(0, 20_000)), current);
}

/** Where to answer: the sender's origin, or any for opaque origins such as file: pages. */
export function replyOrigin(origin: string): string {
	return origin && origin !== 'null' ? origin : '*';
}
