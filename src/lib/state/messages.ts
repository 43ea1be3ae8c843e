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

/** An embed's content height, posted to the host page so it can size the iframe. */
export interface HeightMessage {
	type: 'leverwatch:height';
	height: number;
}

/** The same height in the form Datawrapper's responsive-embed script already understands. */
export interface DatawrapperHeightMessage {
	'datawrapper-height': Record<string, number>;
}

export const DEFAULT_FRAME_ID = 'leverwatch';

/**
 * The embed's `id` parameter, naming it in height messages. Only a short plain token passes: the
 * id ends up as a key in the host's handler, and a host picks its own ids anyway.
 */
export function frameId(search: string): string {
	const id = new URLSearchParams(search).get('id')?.trim();
	return id && /^[\w-]{1,64}$/.test(id) ? id : DEFAULT_FRAME_ID;
}

export function heightMessages(
	id: string,
	height: number
): [HeightMessage, DatawrapperHeightMessage] {
	const rounded = Math.ceil(height);
	return [
		{ type: 'leverwatch:height', height: rounded },
		{ 'datawrapper-height': { [id]: rounded } }
	];
}
