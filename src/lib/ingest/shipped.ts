import actorsUrl from '../../../data/actors.csv?url';
import eventsUrl from '../../../data/events.csv?url';
import relationsUrl from '../../../data/relations.csv?url';
import { validateDataset, type ValidationResult } from '$lib/model/validate';
import { parseCsv } from './csv';

async function fetchText(url: string, fetcher: typeof fetch): Promise<string> {
	const response = await fetcher(url);
	if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
	return response.text();
}

/** The text of the shipped dataset's three CSV files. */
export interface ShippedFiles {
	events: string;
	actors: string;
	relations: string;
}

/** Fetches the files of the dataset that ships with the app (bundled under our own origin). */
export async function fetchShippedFiles(fetcher: typeof fetch = fetch): Promise<ShippedFiles> {
	const [events, actors, relations] = await Promise.all(
		[eventsUrl, actorsUrl, relationsUrl].map((url) => fetchText(url, fetcher))
	);
	return { events: events!, actors: actors!, relations: relations! };
}

/** The shipped dataset from the text of its three CSV files, validated. */
export function shippedDataset(csv: ShippedFiles): ValidationResult {
	return validateDataset(
		{
			events: parseCsv(csv.events),
			actors: parseCsv(csv.actors),
			relations: parseCsv(csv.relations)
		},
		{ requireSource: true }
	);
}
