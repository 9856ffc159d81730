import type { INodeProperties } from 'n8n-workflow';

import { SHAREFILE_DOCUMENTS_RESOURCE } from '../../engine/pollResource';

const documents = SHAREFILE_DOCUMENTS_RESOURCE.configuration;

/**
 * The editor's form for `event.poller.configuration`, prefilled with ShareFile documents. The
 * field defaults are written out (n8n's checks want literals); a test holds them equal to
 * SHAREFILE_DOCUMENTS_RESOURCE, which the collection's own default is built from.
 */
export const pollResourcesField: INodeProperties = {
	displayName: 'Poll Resources',
	name: 'pollResources',
	type: 'fixedCollection',
	placeholder: 'Add Resource to Poll',
	typeOptions: { multipleValues: true },
	description:
		'What Cloud Elements polls and how it reads dates. Prefilled for ShareFile documents (updated = ProgenyEditDate, created = CreationDate).',
	default: {
		resource: [
			{
				name: SHAREFILE_DOCUMENTS_RESOURCE.name,
				url: documents.url,
				idField: documents.idField,
				...documents.datesConfiguration,
				pageSize: documents.pageSize,
				pollDelay: documents.pollDelay,
				createdCheckTolerance: documents.createdCheckTolerance,
				filterByUpdatedDate: documents.filterByUpdatedDate,
				filterByCurrentDate: documents.filterByCurrentDate,
			},
		],
	},
	options: [
		{
			displayName: 'Resource',
			name: 'resource',
			values: [
				{
					displayName: 'Created Check Tolerance (Seconds)',
					name: 'createdCheckTolerance',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 10,
					description:
						'A record updated within this many seconds of its creation counts as created, not updated',
				},
				{
					displayName: 'Created Date Field',
					name: 'createdDateField',
					type: 'string',
					default: 'CreationDate',
				},
				{
					displayName: 'Created Date Format',
					name: 'createdDateFormat',
					type: 'string',
					default: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
					description: 'Java SimpleDateFormat pattern of the created date',
				},
				{
					displayName: 'Created Date Time Zone',
					name: 'createdDateTimezone',
					type: 'string',
					default: 'GMT',
					description: 'Java time zone ID, e.g. GMT or America/New_York',
				},
				{
					displayName: 'Filter by Current Date',
					name: 'filterByCurrentDate',
					type: 'boolean',
					default: false,
					description:
						'Whether to drop records updated after the poll started, so they are reported by the next poll instead',
				},
				{
					displayName: 'Filter by Updated Date',
					name: 'filterByUpdatedDate',
					type: 'boolean',
					default: true,
					description: 'Whether to drop records whose updated date is not after the last poll',
				},
				{
					displayName: 'ID Field',
					name: 'idField',
					type: 'string',
					default: 'Id',
					description: 'Dot path to the field that identifies a record (the default suits ShareFile)',
				},
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 100,
				},
				{
					displayName: 'Poll Delay (Seconds)',
					name: 'pollDelay',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description:
						'Seconds subtracted from the last poll time, for providers whose changes become visible late',
				},
				{
					displayName: 'Resource Name',
					name: 'name',
					type: 'string',
					default: 'documents',
					description: "Becomes each event's object type",
				},
				{
					displayName: 'Updated Date Field',
					name: 'updatedDateField',
					type: 'string',
					default: 'ProgenyEditDate',
				},
				{
					displayName: 'Updated Date Format',
					name: 'updatedDateFormat',
					type: 'string',
					default: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
					description: 'Java SimpleDateFormat pattern of the updated date',
				},
				{
					displayName: 'Updated Date Time Zone',
					name: 'updatedDateTimezone',
					type: 'string',
					default: 'GMT',
					description: 'Java time zone ID, e.g. GMT or America/New_York',
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default:
						"/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
					description:
						'Hub path to poll. ${gmtDate:PATTERN}, ${date:PATTERN}, ${dateTimeZone:ZONE:PATTERN}, ${epoch}, ${epoch:s} and ${epoch:us} are replaced with the last poll time.',
				},
			],
		},
	],
};
