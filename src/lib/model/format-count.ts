import { format } from 'd3';

/**
 * "1,234,567": counts in the page's English. d3-format's own code, not `toLocaleString`,
 * whose first call sets up ICU's number formatting: about 20 ms of the cold first paint.
 */
export const formatCount: (n: number) => string = format(',d');
