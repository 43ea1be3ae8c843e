import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../src/lib/ingest/csv';
import type { RawDataset } from '../../src/lib/model/validate';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Reads events.csv, actors.csv and relations.csv from a folder, as the app reads data/. */
export function readCsvDataset(folder: string): RawDataset {
	const read = (name: string) => parseCsv(readFileSync(join(folder, name), 'utf8'));
	return {
		events: read('events.csv'),
		actors: read('actors.csv'),
		relations: read('relations.csv')
	};
}
