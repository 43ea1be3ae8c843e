/** Names of exported files: `leverwatch-network.svg`, `leverwatch-events.csv`. */
export function exportFileName(what: string, extension: string): string {
	return `leverwatch-${what}.${extension}`;
}

/** Saves a file the page made, through a temporary link with a `download` name. */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	// The browser reads the blob after this task; revoking at once can cancel the download.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
