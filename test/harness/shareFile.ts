import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { login } from '../sandbox/sharefile-api-helpers';
import { sandboxShareFileCredential } from './shareFileOAuth';
import { TestCredentialsHelper } from './credentialsHelper';
import { actionNode, additionalData, CREDENTIAL_TYPES, nodeTypes, runActionNode, SHAREFILE_NODE_TYPE, type ActionRun } from './n8n';
import type { SandboxClient } from './sandboxClient';

export const SHAREFILE_CREDENTIAL = 'shareFileOAuth2Api';

/** The ShareFile node in a workflow, with its credential picked. */
export const shareFileNode: Partial<INode> = {
	type: SHAREFILE_NODE_TYPE,
	credentials: { [SHAREFILE_CREDENTIAL]: { id: '1', name: 'ShareFile sandbox' } },
};

/**
 * A ShareFile account in the sandbox (an instance, subdomain `acme`) connected the way n8n connects
 * one: the authorize page's Consent, the code for tokens at the account's token URL, and the
 * token answer kept as the credential's `oauthTokenData`. The credentials helper stands for n8n's
 * database: n8n-core reads the credential from it and saves renewed tokens into it.
 */
export async function shareFileAccount(sandbox: SandboxClient, name = 'sharefile') {
	const instance = await sandbox.createInstance(name);
	const tokens = await login(sandbox.sandbox, { host: 'acme' });
	const origin = sandbox.sandbox.origin;
	const credential = sandboxShareFileCredential(origin, tokens) as IDataObject;
	const helper = new TestCredentialsHelper(CREDENTIAL_TYPES);
	helper.set(SHAREFILE_CREDENTIAL, credential as never);
	const run = async (
		parameters: IDataObject,
		options: { inputItems?: IDataObject[]; node?: Partial<INode> } = {},
	): Promise<ActionRun> =>
		await runActionNode({}, parameters, {
			...options,
			node: { ...shareFileNode, ...options.node },
			additionalData: { credentialsHelper: helper } as Partial<IWorkflowExecuteAdditionalData>,
		});
	/** The editor's list search (From List), through n8n's LoadOptionsContext. */
	const listSearch = async (method: 'searchFiles' | 'searchFolders', filter?: string, paginationToken?: string) => {
		const parameters = { resource: 'file', operation: 'download' };
		const node = actionNode(parameters, shareFileNode);
		const workflow = new Workflow({ id: 'test-workflow', nodes: [node], connections: {}, active: false, nodeTypes });
		const data = additionalData({}, {
			credentialsHelper: helper,
			currentNodeParameters: parameters,
		} as Partial<IWorkflowExecuteAdditionalData>);
		const context = new LoadOptionsContext(workflow, node, data, 'file');
		const type = nodeTypes.getByNameAndVersion(SHAREFILE_NODE_TYPE);
		return await type.methods!.listSearch![method].call(context, filter, paginationToken);
	};
	return {
		instance,
		tokens,
		helper,
		run,
		listSearch,
		/** The credential as n8n's database holds it now. */
		stored: () => helper.get(SHAREFILE_CREDENTIAL) as IDataObject & { oauthTokenData: IDataObject },
	};
}

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
export const byPath = (path: string) => ({ __rl: true, mode: 'path', value: path });
export const fromList = (id: string) => ({ __rl: true, mode: 'list', value: id });

/** Makes changes in an account's files through the sandbox's control API (as on the sandbox page); the changes it made. */
export async function placeDocuments(client: SandboxClient, instanceId: number, changes: IDataObject[]) {
	const answer = await client.control('POST', `/instances/${instanceId}/documents`, { changes });
	if (answer?.message) throw new Error(String(answer.message));
	return answer.changes as Array<{ id: string }>;
}
