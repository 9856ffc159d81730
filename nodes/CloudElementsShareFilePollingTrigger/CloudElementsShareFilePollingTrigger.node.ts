import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { eventItems } from '../shared/eventItems';
import { downloadFileOptions } from '../shared/descriptions/downloadFileOptions';
import { instanceSubtitle, triggerInstanceLocator } from '../cloudElements/descriptions/instanceLocator';
import { pollResourcesField } from '../cloudElements/descriptions/pollResources';
import { requestTimeoutOption } from '../cloudElements/descriptions/requestTimeout';
import { startFromFields } from '../shared/descriptions/startFrom';
import { instanceFiles } from '../cloudElements/documents/downloadFile';
import { attachEventDownloads } from '../shared/binary/eventDownloads';
import { downloadSettings } from '../shared/binary/downloadSettings';
import { instanceIdFrom, withInstance, type InstanceRecord } from '../cloudElements/instances/instanceToken';
import { cloudElementsApiTest } from '../cloudElements/methods/credentialTest';
import { searchInstances } from '../cloudElements/methods/searchInstances';
import { latestEvent, pollInstance } from './pollInstance';
import { pollResourcesFor } from './pollResources';
import { pollRequestTimeoutMs } from './requestTimeout';

export class CloudElementsShareFilePollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShareFile (Cloud Elements) Polling Trigger',
		name: 'cloudElementsShareFilePollingTrigger',
		icon: { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: instanceSubtitle,
		description:
			'Starts the workflow when files or folders change in ShareFile, by polling through Cloud Elements (no public URL needed)',
		defaults: { name: 'ShareFile Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudElementsApi', required: true, testedBy: 'cloudElementsApiTest' }],
		properties: [
			{
				displayName:
					'n8n polls at the times set under Poll Times; each change is reported once, even across restarts and failed polls',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			triggerInstanceLocator,
			{
				displayName: 'Resources to Poll',
				name: 'resourceSource',
				type: 'options',
				options: [
					{
						name: 'Configure Here',
						value: 'form',
						description: 'ShareFile documents by default, with the fields below',
					},
					{
						name: "Use the Instance's Poll Configuration",
						value: 'instance',
						description: "The instance's own event.poller.configuration",
					},
				],
				default: 'form',
			},
			{ ...pollResourcesField, displayOptions: { show: { resourceSource: ['form'] } } },
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Created', value: 'CREATED' },
					{ name: 'Updated', value: 'UPDATED' },
				],
				default: ['CREATED', 'UPDATED'],
				description: 'Polling sees creations and updates; deletions need the webhook trigger',
			},
			{
				displayName: 'Folder Path',
				name: 'pathPrefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. /top/Reports',
				description: 'Only report items in this folder or below it. Leave empty for everything.',
			},
			...startFromFields('Also report changes since a date (backfill)'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [...downloadFileOptions, requestTimeoutOption],
			},
		],
	};

	methods = {
		listSearch: { searchInstances },
		credentialTest: { cloudElementsApiTest },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const instanceId = instanceIdFrom.call(
			this,
			this.getNodeParameter('instance', undefined, { extractValue: true }),
		);
		// The instance (and its token) comes from memory when this process read it lately.
		const poll = async (instance: InstanceRecord) => await pollWith.call(this, instance);
		return await withInstance.call<IPollFunctions, [string, typeof poll, number], ReturnType<typeof poll>>(
			this,
			instanceId,
			poll,
			pollRequestTimeoutMs.call(this),
		);
	}
}

async function pollWith(this: IPollFunctions, instance: InstanceRecord): Promise<INodeExecutionData[][] | null> {
	const resources = pollResourcesFor.call(this, instance);
	const downloads = downloadSettings.call(this);
	// Downloads run before the poll's state is saved: a download that fails fails the poll,
	// which then moves nothing, and the next poll reports (and downloads) the same changes.
	const attachDownloads = downloads
		? async (items: INodeExecutionData[]) =>
				await attachEventDownloads.call(this, instanceFiles(this, String(instance.id)), items, downloads)
		: undefined;

	if (this.getMode() === 'manual') {
		const items = eventItems([await latestEvent.call(this, instance, resources)]);
		await attachDownloads?.(items);
		return [items];
	}

	let startDate: Date | undefined;
	if (this.getNodeParameter('startFrom', 'now') === 'date') {
		const text = String(this.getNodeParameter('startDate', ''));
		startDate = new Date(text);
		if (!text || Number.isNaN(startDate.getTime())) {
			throw new NodeOperationError(this.getNode(), `Start Date "${text}" is not a date`, {
				description: 'Pick the date to report changes from, or choose Start From → Now.',
			});
		}
	}
	const items = await pollInstance.call(
		this,
		instance,
		resources,
		{
			eventTypes: this.getNodeParameter('eventTypes', ['CREATED', 'UPDATED']) as string[],
			pathPrefix: String(this.getNodeParameter('pathPrefix', '')),
		},
		startDate,
		attachDownloads,
	);
	if (items.length === 0) return null;
	return [items];
}
