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

/** Fetches the dataset that ships with the app (bundled under our own origin) and validates it. */
export async function fetchShippedDataset(
	fetcher: typeof fetch = fetch
): Promise<ValidationResult> {
	const [events, actors, relations] = await Promise.all(
		[eventsUrl, actorsUrl, relationsUrl].map((url) => fetchText(url, fetcher))
	);
	return shippedDataset({ events: events!, actors: actors!, relations: relations! });
}

/** The shipped dataset from the text of its three CSV files, validated. */
export function shippedDataset(csv: {
	events: string;
	actors: string;
	relations: string;
}): ValidationResult {
	return validateDataset(
		{
			events: parseCsv(csv.events),
			actors: parseCsv(csv.actors),
			relations: parseCsv(csv.relations)
		},
		{ requireSource: true }
	);
}
