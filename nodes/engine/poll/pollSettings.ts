import type { PollResourceConfiguration } from '../pollResource';

export interface DateField {
	field: string;
	/** A Java date pattern, or ISO_8601: any ISO 8601 date and time (see parseIsoInstant). */
	format: string;
	timeZone: string;
}

/** The DateField format of dates in ISO 8601 with any precision (ShareFile's own API). */
export const ISO_8601 = 'ISO 8601';

/** A poll resource's configuration, resolved into what the poll cycle needs. */
export interface PollSettings {
	objectType: string;
	idField: string;
	updated?: DateField;
	created?: DateField;
	createdCheckToleranceMs: number;
	filterByUpdatedDate: boolean;
	filterByCurrentDate: boolean;
	pollDelayMs: number;
	/** How far behind the newest change the poll looks again, for changes that surface late. */
	overlapMs: number;
	/** Changes remembered at the window's edge; bounds the state's size. */
	maxRemembered: number;
	pageSize: number;
}

export const DEFAULT_OVERLAP_MS = 60_000;
export const DEFAULT_MAX_REMEMBERED = 600;
const DEFAULT_PAGE_SIZE = 100;

function dateField(field?: string, format?: string, timeZone?: string): DateField | undefined {
	if (!field) return undefined;
	return { field, format: format ?? "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", timeZone: timeZone || 'GMT' };
}

export function pollSettingsFrom(
	objectType: string,
	resource: PollResourceConfiguration,
	overrides: Partial<Pick<PollSettings, 'overlapMs' | 'maxRemembered'>> = {},
): PollSettings {
	const dates = resource.datesConfiguration ?? {};
	const updated = dateField(dates.updatedDateField, dates.updatedDateFormat, dates.updatedDateTimezone);
	const created = dateField(dates.createdDateField, dates.createdDateFormat, dates.createdDateTimezone);
	return {
		objectType,
		idField: resource.idField,
		// Without an updated field, the created date plays both roles.
		updated: updated ?? created,
		created,
		createdCheckToleranceMs: Math.max(0, Number(resource.createdCheckTolerance ?? 0)) * 1000,
		filterByUpdatedDate: resource.filterByUpdatedDate !== false,
		filterByCurrentDate: resource.filterByCurrentDate === true,
		pollDelayMs: Math.max(0, Number(resource.pollDelay ?? 0)) * 1000,
		overlapMs: overrides.overlapMs ?? DEFAULT_OVERLAP_MS,
		maxRemembered: overrides.maxRemembered ?? DEFAULT_MAX_REMEMBERED,
		pageSize: Math.max(1, Math.floor(Number(resource.pageSize ?? DEFAULT_PAGE_SIZE))),
	};
}
