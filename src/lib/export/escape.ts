const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};

/** Text or an attribute value written into XML or HTML markup: data never becomes markup. */
export function escapeMarkup(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
