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
	/**
	 * Writes a download straight to disk as a file not yet listed, so a large file is never
	 * held in memory whole; `keep` lists it once its import has succeeded.
	 */
	download(body: ReadableStream<Uint8Array>): Promise<{ id: string; file: File }>;
	keep(id: string, meta: Omit<StoredDataset, 'id' | 'savedAt'>): Promise<StoredDataset>;
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

	async function list(id: string, meta: Omit<StoredDataset, 'id' | 'savedAt'>) {
		const stored: StoredDataset = { ...meta, id, savedAt: new Date().toISOString() };
		await write(INDEX, JSON.stringify([...(await readIndex()), stored]));
		return stored;
	}

	await removeUnlisted(root, await readIndex());

	return {
		list: readIndex,
		async save(meta, file) {
			const id = newId();
			await write(id, file);
			return list(id, meta);
		},
		async download(body) {
			const id = newId();
			const handle = await root.getFileHandle(id, { create: true });
			try {
				await body.pipeTo(await handle.createWritable());
			} catch (error) {
				await root.removeEntry(id).catch(() => undefined);
				throw error;
			}
			return { id, file: await handle.getFile() };
		},
		keep: list,
		async file(id) {
			return (await root.getFileHandle(id)).getFile();
		},
		async remove(id) {
			await write(INDEX, JSON.stringify((await readIndex()).filter((d) => d.id !== id)));
			await root.removeEntry(id).catch(() => undefined);
		}
	};
}

const newId = () => `ds-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Downloads whose import failed or was cut short by closing the page. Only old ones: another
 * tab may be importing a fresh download right now.
 */
async function removeUnlisted(root: FileSystemDirectoryHandle, index: StoredDataset[]) {
	const listed = new Set([INDEX, ...index.map((d) => d.id)]);
	const cutoff = Date.now() - 60 * 60 * 1000;
	try {
		for await (const [name, handle] of root.entries()) {
			if (listed.has(name) || handle.kind !== 'file') continue;
			const file = await (handle as FileSystemFileHandle).getFile();
			if (file.lastModified < cutoff) await root.removeEntry(name);
		}
	} catch {
		// Leftovers that cannot be read or removed now are tried again on the next visit.
	}
}
