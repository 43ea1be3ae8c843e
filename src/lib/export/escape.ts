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

/**
 * Markup with every character XML 1.0 forbids (C0 controls but tab and line breaks, lone
 * surrogates, U+FFFE and U+FFFF) replaced by U+FFFD. Data can hold them (JSON escapes NUL), and a
 * single one makes a whole SVG file unreadable, in an editor as in an `<img>`.
 */
export function xmlSafe(markup: string): string {
	return (
		markup
			.toWellFormed()
			// eslint-disable-next-line no-control-regex -- the control characters are what is replaced
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\uFFFD')
	);
}
