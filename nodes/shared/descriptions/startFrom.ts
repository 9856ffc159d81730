import type { INodeProperties } from 'n8n-workflow';

/**
 * Where a trigger starts: Now, or A Date (a backfill, once, at the first activation). The
 * triggers differ only in what "A Date" reaches back into, which `dateDescription` says.
 */
export function startFromFields(dateDescription: string): INodeProperties[] {
	return [
		{
			displayName: 'Start From',
			name: 'startFrom',
			type: 'options',
			options: [
				{ name: 'Now', value: 'now', description: 'Report only changes made after activation' },
				{ name: 'A Date', value: 'date', description: dateDescription },
			],
			default: 'now',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: { show: { startFrom: ['date'] } },
		},
	];
}
