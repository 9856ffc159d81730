import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { shareExpiration } from '../../engine/documents/shareBody';

/** The options of a ShareFile share, in both action nodes, plus any the node adds. */
export function shareOptionsField(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'shareOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expiration Date',
				name: 'expirationDate',
				type: 'dateTime',
				default: '',
				description: 'When the share stops working; empty: ShareFile’s default',
			},
			{
				displayName: 'Max Downloads',
				name: 'maxDownloads',
				type: 'number',
				typeOptions: { minValue: -1 },
				default: -1,
				description: 'How many downloads the share allows; -1 for no limit',
			},
			{
				displayName: 'Require Login',
				name: 'requireLogin',
				type: 'boolean',
				default: false,
				description: 'Whether people must sign in to ShareFile to open the share',
			},
			{
				displayName: 'Require User Info',
				name: 'requireUserInfo',
				type: 'boolean',
				default: false,
				description: 'Whether people must give their name and email before they open the share',
			},
			...extra,
		],
	};
}

export interface ShareSettings {
	expirationDate?: string;
	requireLogin: boolean;
	requireUserInfo: boolean;
	maxDownloads?: number;
}

/** The share options as ShareFile's share model takes them; an expiration that is not a date is named. */
export function shareSettings(this: IExecuteFunctions, itemIndex: number): ShareSettings {
	const options = this.getNodeParameter('shareOptions', itemIndex, {}) as IDataObject;
	const text = String(options.expirationDate ?? '').trim();
	const expirationDate = text ? shareExpiration(text) : undefined;
	if (text && !expirationDate) {
		throw new NodeOperationError(this.getNode(), `Expiration Date "${text}" is not a date`, {
			description: 'Pick a date, or enter one such as 2026-12-31.',
			itemIndex,
		});
	}
	return {
		expirationDate,
		requireLogin: options.requireLogin === true,
		requireUserInfo: options.requireUserInfo === true,
		maxDownloads: options.maxDownloads === undefined ? undefined : Number(options.maxDownloads),
	};
}
