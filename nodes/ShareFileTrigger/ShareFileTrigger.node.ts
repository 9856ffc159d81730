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

import { triggerOptions } from '../shared/descriptions/downloadFileOptions';
import { POST_WEBHOOK } from '../shared/trigger/postWebhook';
import { passThrough, startUpHook } from '../shared/trigger/startUpHook';
import { WEBHOOK_TRIGGER_VERSIONS } from '../shared/trigger/webhookTriggerVersions';
import { documentLocator } from '../shared/descriptions/documentLocators';
import { triggerLocator } from '../shared/descriptions/triggerLocator';
import { searchFolders } from '../shareFile/methods/searchItems';
import { receiveShareFileDelivery } from './receiveDelivery';
import { noteRunChanges } from './reconcileState';
import { checkSubscriptionExists, createSubscription, deleteSubscription } from './subscription';
import { EVENT_OPTIONS, eventsField } from './webhookEvents';

export class ShareFileTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShareFile Trigger',
		name: 'shareFileTrigger',
		icon: { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' },
		group: ['trigger'],
		...WEBHOOK_TRIGGER_VERSIONS,
		subtitle: '={{$parameter["listenTo"] === "account" ? "Whole account" : "Folder"}}',
		description: "Starts the workflow the moment ShareFile reports a change, through ShareFile's own signed webhooks",
		defaults: { name: 'ShareFile Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'shareFileOAuth2Api', required: true }],
		webhooks: [POST_WEBHOOK],
		properties: [
			{
				displayName: 'Listen To',
				name: 'listenTo',
				type: 'options',
				options: [
					{ name: 'A Folder', value: 'folder', description: 'Changes in the folder and below it' },
					{
						name: 'The Whole Account',
						value: 'account',
						description: 'Every change in the account; ShareFile allows this to administrators only',
					},
				],
				default: 'folder',
			},
			{
				...triggerLocator(documentLocator('folder', 'folder', 'Folder', 'The folder whose changes start the workflow')),
				displayOptions: { show: { listenTo: ['folder'] } },
			},
			eventsField(EVENT_OPTIONS),
			triggerOptions({
				displayName: 'Reconcile Missed Changes',
				name: 'reconcileMissedChanges',
				type: 'boolean',
				default: true,
				description:
					'Whether to run, on activation and when n8n starts, the uploads and updates in the folder that no delivery brought (the workflow inactive, n8n down longer than ShareFile retries, or starting), each once, with "recovered": true. Deletions leave nothing to find.',
				displayOptions: { show: { '/listenTo': ['folder'] } },
			}),
		],
	};

	methods = {
		listSearch: { searchFolders },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkSubscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveShareFileDelivery.call(this);
	}

	// Only so that n8n runs the webhook's checkExists, and so the reconcile, when it starts (startUpHook.ts).
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startUpHook.call(this);
	}

	// The webhook's items as they came; the changes they ran are noted for the next reconcile.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [items] = await passThrough.call(this);
		noteRunChanges.call(this, items);
		return [items];
	}
}
