import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { downloadFileOptions } from '../shared/descriptions/downloadFileOptions';
import { POST_WEBHOOK } from '../shared/trigger/postWebhook';
import { triggerInstanceLocator, triggerInstancesSubtitle } from '../cloudElements/descriptions/instanceLocator';
import { pollResourcesField } from '../cloudElements/descriptions/pollResources';
import { startFromFields } from '../shared/descriptions/startFrom';
import { cloudElementsApiTest } from '../cloudElements/methods/credentialTest';
import { listInstances, searchInstances } from '../cloudElements/methods/searchInstances';
import { receiveDelivery } from './receiveDelivery';
import { checkExists, create, deleteRegistration } from './registration';
import { checkSubscriptionExists, createSubscriptionRegistration, deleteSubscriptionRegistration } from './subscription';
import { passThrough, startUpHook } from '../shared/trigger/startUpHook';
import { WEBHOOK_TRIGGER_VERSIONS } from '../shared/trigger/webhookTriggerVersions';

const bySubscription = (context: IHookFunctions) => context.getNodeParameter('registration', 'subscription') !== 'callback';

export class CloudElementsShareFileTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShareFile (Cloud Elements) Trigger',
		name: 'cloudElementsShareFileTrigger',
		icon: { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' },
		group: ['trigger'],
		...WEBHOOK_TRIGGER_VERSIONS,
		subtitle: triggerInstancesSubtitle,
		description:
			'Starts the workflow when Cloud Elements reports a ShareFile change to n8n, with every delivery signature-checked',
		defaults: { name: 'ShareFile Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudElementsApi', required: true, testedBy: 'cloudElementsApiTest' }],
		webhooks: [POST_WEBHOOK],
		properties: [
			{
				displayName: 'Receive Events Through',
				name: 'registration',
				type: 'options',
				options: [
					{
						name: 'Own Subscription',
						value: 'subscription',
						description:
							'This workflow subscribes to the instance’s events: any number of workflows, and a test listen, each hear every change',
					},
					{
						name: 'Instance Callback',
						value: 'callback',
						description:
							'This workflow becomes the instance’s one callback; for accounts where added subscriptions are not delivered',
					},
				],
				default: 'subscription',
			},
			{
				displayName: 'Instances',
				name: 'instanceSource',
				type: 'options',
				options: [
					{ name: 'One Instance', value: 'one' },
					{ name: 'Several Instances', value: 'several', description: 'Instances picked from the list' },
					{
						name: 'Instances With a Tag',
						value: 'tag',
						description: 'Every ShareFile instance with the tag, read again at each activation',
					},
				],
				default: 'one',
				displayOptions: { show: { registration: ['subscription'] } },
			},
			{ ...triggerInstanceLocator, displayOptions: { hide: { instanceSource: ['several', 'tag'] } } },
			{
				displayName: 'Instance Names or IDs',
				name: 'instanceIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'listInstances' },
				default: [],
				required: true,
				description:
					'The instances this workflow hears. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { registration: ['subscription'], instanceSource: ['several'] } },
			},
			{
				displayName: 'Instance Tag',
				name: 'instanceTag',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. client',
				description: 'The tag of the instances this workflow hears',
				displayOptions: { show: { registration: ['subscription'], instanceSource: ['tag'] } },
			},
			{
				displayName:
					'An instance has one callback: while you listen for a test event here, the production workflow gets no events, and another workflow cannot use the instance. Stopping the test puts the production registration back.',
				name: 'notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['callback'] } },
			},
			{
				displayName: 'Detect Changes By',
				name: 'detection',
				type: 'options',
				options: [
					{
						name: 'ShareFile Webhooks',
						value: 'webhook',
						description: 'ShareFile reports uploads, updates, deletions and downloads as they happen',
					},
					{
						name: 'Cloud Elements Polling',
						value: 'polling',
						description: 'Cloud Elements polls ShareFile every few minutes; sees folders too',
					},
				],
				default: 'webhook',
				description:
					'How Cloud Elements learns of changes. With Own Subscription it applies when this trigger switches the instance’s events on; an instance whose events are on keeps its own.',
			},
			{
				displayName: 'Refresh Interval (Minutes)',
				name: 'refreshInterval',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 15,
				displayOptions: { show: { detection: ['polling'] } },
			},
			{ ...pollResourcesField, displayOptions: { show: { detection: ['polling'] } } },
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Created', value: 'CREATED' },
					{ name: 'Deleted', value: 'DELETED' },
					{ name: 'Downloaded', value: 'RETRIEVED' },
					{ name: 'Moved', value: 'MOVED' },
					{ name: 'Unknown', value: 'UNKNOWN' },
					{ name: 'Updated', value: 'UPDATED' },
				],
				default: ['CREATED', 'UPDATED', 'DELETED', 'MOVED'],
				description: 'Deliveries with none of these start no workflow',
			},
			{
				displayName: 'Signature Key',
				name: 'signatureKeySource',
				type: 'options',
				options: [
					{
						name: 'Generate One',
						value: 'generate',
						description:
							'Own Subscription: one key for the instance, the same in every workflow on it. Instance Callback: a new random key on every activation.',
					},
					{
						name: 'From the Credential',
						value: 'credential',
						description: "The credential's Event Signature Key (with Own Subscription: for every workflow on the instance)",
					},
				],
				default: 'generate',
			},
			...startFromFields("Also report, once, at the first activation, the changes since a date (within Cloud Elements' 7-day event log)"),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					...downloadFileOptions,
					{
						displayName: 'Recover Missed Events',
						name: 'recoverMissedEvents',
						type: 'boolean',
						default: true,
						description:
							'Whether to run, on activation and when n8n starts, the events Cloud Elements could not deliver while n8n was down or the workflow inactive (queued or failed for good), each once, with "recovered": true',
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchInstances },
		loadOptions: { listInstances },
		credentialTest: { cloudElementsApiTest },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return bySubscription(this) ? await checkSubscriptionExists.call(this) : await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return bySubscription(this) ? await createSubscriptionRegistration.call(this) : await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return bySubscription(this) ? await deleteSubscriptionRegistration.call(this) : await deleteRegistration.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}

	// Only so that n8n runs the webhook's checkExists again when it starts (startUpHook.ts).
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startUpHook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await passThrough.call(this);
	}
}
