import type { IDataObject } from 'n8n-workflow';

import { ShareFileTrigger } from '../../nodes/ShareFileTrigger/ShareFileTrigger.node';
import { PACKAGE } from './n8n';
import { SHAREFILE_CREDENTIAL, type shareFileAccount } from './shareFile';
import { WebhookTriggerHarness } from './webhookTrigger';

/** A ShareFile Trigger on the account (folder mode, uploads and updates unless told), listening on n8n's side, not yet activated. */
export async function shareFileTrigger(account: Awaited<ReturnType<typeof shareFileAccount>>, parameters: IDataObject) {
	const harness = new WebhookTriggerHarness({}, { listenTo: 'folder', events: ['File:Upload', 'File:Update'], ...parameters }, undefined, {
		type: new ShareFileTrigger(),
		typeName: `${PACKAGE}.shareFileTrigger`,
		typeVersion: 1.1,
		credentials: { [SHAREFILE_CREDENTIAL]: { id: '1', name: 'ShareFile sandbox' } },
		credentialsHelper: account.helper,
	});
	return await harness.start();
}
