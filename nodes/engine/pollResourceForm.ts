import type { DatesConfiguration, PollerConfiguration, PollResourceConfiguration } from './pollResource';

/** One row of the "Poll Resources" collection, flat as the editor shows it. */
export interface PollResourceForm extends DatesConfiguration {
	name?: string;
	url?: string;
	idField?: string;
	pageSize?: number;
	pollDelay?: number;
	createdCheckTolerance?: number;
	filterByUpdatedDate?: boolean;
	filterByCurrentDate?: boolean;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Turns the editor's rows into Cloud Elements' `event.poller.configuration` object. */
export function pollerConfigurationFromForm(rows: PollResourceForm[]): PollerConfiguration {
	const configuration: PollerConfiguration = {};
	for (const row of rows) {
		const resource: PollResourceConfiguration = {
			url: text(row.url),
			idField: text(row.idField),
			datesConfiguration: {},
		};
		const dates = resource.datesConfiguration;
		for (const key of [
			'updatedDateField',
			'updatedDateFormat',
			'updatedDateTimezone',
			'createdDateField',
			'createdDateFormat',
			'createdDateTimezone',
		] as const) {
			// Formats keep their spaces: they are Java patterns, where a space is a literal.
			const value = key.endsWith('Format') ? String(row[key] ?? '') : text(row[key]);
			if (value) dates[key] = value;
		}
		for (const key of ['pageSize', 'pollDelay', 'createdCheckTolerance'] as const) {
			if (row[key] !== undefined && row[key] !== null) resource[key] = Number(row[key]);
		}
		for (const key of ['filterByUpdatedDate', 'filterByCurrentDate'] as const) {
			if (row[key] !== undefined) resource[key] = Boolean(row[key]);
		}
		configuration[text(row.name)] = resource;
	}
	return configuration;
}
