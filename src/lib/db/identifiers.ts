/**
 * Quotes a name from a person's file (a column header) as an SQL identifier: the one escaping
 * function for names, since identifiers cannot be bound as parameters. Tested with hostile names.
 */
export function quoteIdent(name: string): string {
	if (name.includes('\u0000')) throw new Error('A column name cannot contain a NUL character');
	return `"${name.replaceAll('"', '""')}"`;
}
