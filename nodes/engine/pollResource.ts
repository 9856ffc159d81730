/**
 * One entry of an instance's `event.poller.configuration`, as Cloud Elements stores it: the
 * resource name is the key and becomes every event's `objectType`.
 */
export interface DatesConfiguration {
	updatedDateField?: string;
	updatedDateFormat?: string;
	updatedDateTimezone?: string;
	createdDateField?: string;
	createdDateFormat?: string;
	createdDateTimezone?: string;
}

export interface PollResourceConfiguration {
	url: string;
	idField: string;
	datesConfiguration: DatesConfiguration;
	pageSize?: number;
	pollDelay?: number;
	createdCheckTolerance?: number;
	filterByUpdatedDate?: boolean;
	filterByCurrentDate?: boolean;
}

export type PollerConfiguration = Record<string, PollResourceConfiguration>;

const SHAREFILE_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

/**
 * ShareFile's `documents` resource with the corrected mapping: ProgenyEditDate is the last
 * change of an item or anything under it, so it is the updated date; CreationDate is created.
 */
export const SHAREFILE_DOCUMENTS_RESOURCE = {
	name: 'documents',
	configuration: {
		url: "/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
		idField: 'Id',
		datesConfiguration: {
			updatedDateField: 'ProgenyEditDate',
			updatedDateFormat: SHAREFILE_DATE_FORMAT,
			updatedDateTimezone: 'GMT',
			createdDateField: 'CreationDate',
			createdDateFormat: SHAREFILE_DATE_FORMAT,
			createdDateTimezone: 'GMT',
		},
		pageSize: 100,
		pollDelay: 0,
		createdCheckTolerance: 10,
		filterByUpdatedDate: true,
		filterByCurrentDate: false,
	} satisfies PollResourceConfiguration,
};

/**
 * The seed documentation's example maps the two ShareFile dates the wrong way round; taken
 * literally, edits of old files are never reported. Accepted, but worth a warning.
 */
export function hasSwappedShareFileDates(dates: DatesConfiguration): boolean {
	return dates.updatedDateField === 'CreationDate' && dates.createdDateField === 'ProgenyEditDate';
}
