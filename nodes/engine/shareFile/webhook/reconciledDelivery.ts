/**
 * A change the webhook trigger found in the folder's listing, where no delivery of it reached
 * n8n (the workflow inactive, n8n restarting or down beyond ShareFile's retries), written as
 * ShareFile writes a delivery, so that it runs through the same path, plus `recovered: true`.
 * The trigger signs it with the OAuth client's key; nobody else can make one.
 */
export interface ReconciledChange {
	subscriptionId: string;
	accountId: string;
	subdomain: string;
	fileId: string;
	parentId?: string;
	/** The file's ProgenyEditDate, ISO. */
	changedAt: string;
	created: boolean;
}

export function reconciledDeliveryBody(change: ReconciledChange): string {
	return JSON.stringify({
		WebhookSubscriptionId: change.subscriptionId,
		AccountInfo: { AccountId: change.accountId, Subdomain: change.subdomain },
		Event: {
			Timestamp: change.changedAt,
			OperationName: change.created ? 'Upload' : 'Update',
			ResourceType: 'File',
			Resource: { Id: change.fileId, ...(change.parentId ? { Parent: { Id: change.parentId } } : {}) },
		},
		recovered: true,
	});
}
