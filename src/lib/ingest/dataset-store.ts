/** An imported dataset kept in the browser, to load again after a reload. */
export interface StoredDataset {
	id: string;
	name: string;
	/** The URL it came from, for links back to it; empty for a local file. */
	url: string;
	/** The mapping, as in the `map=` parameter. */
	mapping: string;
	size: number;
	events: number;
	savedAt: string;
}

export interface DatasetStore {
	list(): Promise<StoredDataset[]>;
	save(meta: Omit<StoredDataset, 'id' | 'savedAt'>, file: Blob): Promise<StoredDataset>;
	file(id: string): Promise<Blob>;
	remove(id: string): Promise<void>;
}

const INDEX = 'index.json';

/**
 * Datasets in the Origin Private File System: the file as it was imported plus its mapping,
 * so reloading it runs the same import. Undefined where the browser has no OPFS.
 */
export async function openDatasetStore(): Promise<DatasetStore | undefined> {
	if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return undefined;
	let root: FileSystemDirectoryHandle;
	try {
		root = await navigator.storage.getDirectory();
		root = await root.getDirectoryHandle('leverwatch-datasets', { create: true });
	} catch {
		return undefined;
	}

	async function readIndex(): Promise<StoredDataset[]> {
		try {
			const file = await (await root.getFileHandle(INDEX)).getFile();
			const parsed: unknown = JSON.parse(await file.text());
			return Array.isArray(parsed) ? (parsed as StoredDataset[]) : [];
		} catch {
			return [];
		}
	}

	async function write(name: string, data: Blob | string) {
		const writable = await (await root.getFileHandle(name, { create: true })).createWritable();
		await writable.write(data);
		await writable.close();
	}

	return {
		list: readIndex,
		async save(meta, file) {
			const stored: StoredDataset = {
				...meta,
				id: `ds-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
				savedAt: new Date().toISOString()
			};
			await write(stored.id, file);
			await write(INDEX, JSON.stringify([...(await readIndex()), stored]));
			return stored;
		},
		async file(id) {
			return (await root.getFileHandle(id)).getFile();
		},
		async remove(id) {
			await write(INDEX, JSON.stringify((await readIndex()).filter((d) => d.id !== id)));
			await root.removeEntry(id).catch(() => undefined);
		}
	};
}
