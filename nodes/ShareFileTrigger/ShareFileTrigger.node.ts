import { NodeConnectionTypes } from 'n8n-workflow';
import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { triggerOptions } from '../shared/descriptions/downloadFileOptions';
import { POST_WEBHOOK } from '../shared/trigger/postWebhook';
import { documentLocator } from '../shared/descriptions/documentLocators';
import { searchFolders } from '../shareFile/methods/searchItems';
import { receiveShareFileDelivery } from './receiveDelivery';
import { checkSubscriptionExists, createSubscription, deleteSubscription } from './subscription';
import { EVENT_OPTIONS, eventsField } from './webhookEvents';

export class ShareFileTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ShareFile Trigger',
		name: 'shareFileTrigger',
		icon: { light: 'file:sharefile.svg', dark: 'file:sharefile.dark.svg' },
		group: ['trigger'],
		version: 1,
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
				...documentLocator('folder', 'folder', 'Folder', 'The folder whose changes start the workflow'),
				displayOptions: { show: { listenTo: ['folder'] } },
			},
			eventsField(EVENT_OPTIONS),
			triggerOptions(),
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
}
