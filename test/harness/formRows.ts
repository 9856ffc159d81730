/**
 * The editor's "Poll Resources" row for ShareFile documents, written out literally so that
 * tests do not take their expectations from the code under test.
 */
export const DOCUMENTS_FORM_ROW = {
	name: 'documents',
	url: "/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
	idField: 'Id',
	updatedDateField: 'ProgenyEditDate',
	updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
	updatedDateTimezone: 'GMT',
	createdDateField: 'CreationDate',
	createdDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
	createdDateTimezone: 'GMT',
	pageSize: 100,
	pollDelay: 0,
	createdCheckTolerance: 10,
	filterByUpdatedDate: true,
	filterByCurrentDate: false,
};
