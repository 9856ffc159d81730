/* eslint-disable n8n-nodes-base/node-param-default-missing -- the defaults are taken from
   SHAREFILE_DOCUMENTS_RESOURCE, so the form and the engine cannot drift apart; the rule only
   recognises literal defaults. */
/* eslint-disable n8n-nodes-base/node-param-fixed-collection-type-unsorted-items -- the fields
   follow Cloud Elements' own poll configuration (URL, ID field, then the dates), the order its
   documentation uses, rather than the alphabet. */
import type { INodeProperties } from 'n8n-workflow';

import { SHAREFILE_DOCUMENTS_RESOURCE } from '../engine/pollResource';

const documents = SHAREFILE_DOCUMENTS_RESOURCE.configuration;

/** The editor's form for `event.poller.configuration`, prefilled with ShareFile documents. */
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
					displayName: 'Resource Name',
					name: 'name',
					type: 'string',
					default: 'documents',
					description: "Becomes each event's object type",
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: documents.url,
					description:
						'Hub path to poll. ${gmtDate:PATTERN}, ${date:PATTERN}, ${dateTimeZone:ZONE:PATTERN}, ${epoch}, ${epoch:s} and ${epoch:us} are replaced with the last poll time.',
				},
				{
					displayName: 'ID Field',
					name: 'idField',
					type: 'string',
					default: documents.idField,
					description: 'Dot path to the field that identifies a record (the default suits ShareFile)',
				},
				{
					displayName: 'Updated Date Field',
					name: 'updatedDateField',
					type: 'string',
					default: documents.datesConfiguration.updatedDateField,
				},
				{
					displayName: 'Updated Date Format',
					name: 'updatedDateFormat',
					type: 'string',
					default: documents.datesConfiguration.updatedDateFormat,
					description: 'Java SimpleDateFormat pattern of the updated date',
				},
				{
					displayName: 'Updated Date Time Zone',
					name: 'updatedDateTimezone',
					type: 'string',
					default: documents.datesConfiguration.updatedDateTimezone,
					description: 'Java time zone ID, e.g. GMT or America/New_York',
				},
				{
					displayName: 'Created Date Field',
					name: 'createdDateField',
					type: 'string',
					default: documents.datesConfiguration.createdDateField,
				},
				{
					displayName: 'Created Date Format',
					name: 'createdDateFormat',
					type: 'string',
					default: documents.datesConfiguration.createdDateFormat,
					description: 'Java SimpleDateFormat pattern of the created date',
				},
				{
					displayName: 'Created Date Time Zone',
					name: 'createdDateTimezone',
					type: 'string',
					default: documents.datesConfiguration.createdDateTimezone,
					description: 'Java time zone ID, e.g. GMT or America/New_York',
				},
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: documents.pageSize,
				},
				{
					displayName: 'Poll Delay (Seconds)',
					name: 'pollDelay',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: documents.pollDelay,
					description:
						'Seconds subtracted from the last poll time, for providers whose changes become visible late',
				},
				{
					displayName: 'Created Check Tolerance (Seconds)',
					name: 'createdCheckTolerance',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: documents.createdCheckTolerance,
					description:
						'A record updated within this many seconds of its creation counts as created, not updated',
				},
				{
					displayName: 'Filter by Updated Date',
					name: 'filterByUpdatedDate',
					type: 'boolean',
					default: documents.filterByUpdatedDate,
					description: 'Whether to drop records whose updated date is not after the last poll',
				},
				{
					displayName: 'Filter by Current Date',
					name: 'filterByCurrentDate',
					type: 'boolean',
					default: documents.filterByCurrentDate,
					description:
						"Whether to drop records updated after the poll started, so they are reported by the next poll instead",
				},
			],
		},
	],
};
