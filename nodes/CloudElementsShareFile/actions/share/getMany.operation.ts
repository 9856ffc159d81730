import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { instanceLocator } from '../../../cloudElements/descriptions/instanceLocator';
import { returnAllOrLimit, returnAllOrLimitFields } from '../../../shared/descriptions/returnAllOrLimit';
import { documentsRequestAll } from '../../../cloudElements/documents/documentsRequest';
import { DOCUMENTS_HUB } from '../../../engine/documents/hubAddress';
import { instanceIdParameter } from '../instance/shared';
import { recordItems } from '../../../shared/outputItems';

export const description = updateDisplayOptions({ show: { resource: ['share'], operation: ['getMany'] } }, [
	instanceLocator,
	...returnAllOrLimitFields,
]);

/** `GET /hubs/documents/share`: the account's shares, ShareFile's share objects as they come. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const instanceId = instanceIdParameter.call(this, itemIndex);
	const shares = await documentsRequestAll.call(
		this,
		instanceId,
		{ method: 'GET', path: `${DOCUMENTS_HUB}/share`, itemIndex },
		returnAllOrLimit.call(this, itemIndex),
	);
	return recordItems(shares, itemIndex);
}
