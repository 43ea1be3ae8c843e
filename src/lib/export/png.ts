/** Pixel size of a PNG drawn at `scale` times the SVG's size (2 for sharp text on most screens). */
export function pngSize(width: number, height: number, scale: number) {
	return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * Draws a self-contained SVG onto a canvas at `scale` and encodes it as PNG. The SVG must carry
 * its own styles and definitions: as an image it sees nothing of the page.
 */
export async function svgToPng(svg: string, width: number, height: number, scale = 2) {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const size = pngSize(width, height, scale);
		const canvas = document.createElement('canvas');
		canvas.width = size.width;
		canvas.height = size.height;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('This browser cannot draw the picture (no canvas).');
		context.drawImage(image, 0, 0, size.width, size.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
