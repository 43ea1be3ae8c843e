/** How the events table is ordered; part of the URL state. */
export const EVENT_SORT_KEYS = ['date', 'title', 'lever', 'status', 'source'] as const;
export type EventSortKey = (typeof EVENT_SORT_KEYS)[number];

export interface EventSort {
	key: EventSortKey;
	descending: boolean;
}
