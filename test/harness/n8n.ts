import {
	CredentialTestContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type NodeExecutionHint,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { CloudElementsApi } from '../../credentials/CloudElementsApi.credentials';
import { ShareFileOAuth2Api } from '../../credentials/ShareFileOAuth2Api.credentials';
import { CloudElementsShareFile } from '../../nodes/CloudElementsShareFile/CloudElementsShareFile.node';
import { ShareFile } from '../../nodes/ShareFile/ShareFile.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { runWorkflow } from './n8nMajor';

export const PACKAGE = 'n8n-nodes-cloud-elements-sharefile';
export const ACTION_NODE_TYPE = `${PACKAGE}.cloudElementsShareFile`;
export const SHAREFILE_NODE_TYPE = `${PACKAGE}.shareFile`;
const INPUT_NODE_TYPE = 'test.input';

export interface InputFile {
	base64: string;
	fileName?: string;
	mimeType?: string;
}

/** Emits the items given in its `items` parameter: how a test feeds several items to a node. */
class TestInput implements INodeType {
	description = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: import('n8n-workflow').IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getNodeParameter('items', 0) as IDataObject[] | string;
		const list = typeof items === 'string' ? (JSON.parse(items) as IDataObject[]) : items;
		const output: INodeExecutionData[] = [];
		for (const { __binary, ...json } of list) {
			const item: INodeExecutionData = { json };
			// `__binary: { field: { base64, fileName, mimeType } }` becomes binary stored through
			// n8n's binary data service (memory by default, or the mode a test set up).
			for (const [field, file] of Object.entries((__binary ?? {}) as Record<string, InputFile>)) {
				item.binary ??= {};
				item.binary[field] = await this.helpers.prepareBinaryData(
					Buffer.from(file.base64, 'base64'),
					file.fileName,
					file.mimeType,
				);
			}
			output.push(item);
		}
		return [output];
	}
}

const NODE_TYPES: Record<string, INodeType> = {
	[ACTION_NODE_TYPE]: new CloudElementsShareFile(),
	[SHAREFILE_NODE_TYPE]: new ShareFile(),
	[INPUT_NODE_TYPE]: new TestInput(),
};

const nodeTypesByName = (type: string) => NODE_TYPES[type];

export const nodeTypes: INodeTypes = {
	getByName: (type) => NODE_TYPES[type],
	getByNameAndVersion: (type) => NODE_TYPES[type],
	getKnownTypes: () => ({}),
};

export const CREDENTIAL_TYPES = {
	cloudElementsApi: new CloudElementsApi(),
	shareFileOAuth2Api: new ShareFileOAuth2Api(),
};

export function newCredentialsHelper(credentials: ICredentialDataDecryptedObject) {
	const helper = new TestCredentialsHelper(CREDENTIAL_TYPES);
	helper.set('cloudElementsApi', credentials);
	return helper;
}

/** The lifecycle hooks WorkflowExecute needs for a manual run of a workflow that is not saved. */
export function manualExecutionHooks(
	executionId: string,
	workflow: { id: string; name: string; nodes: INode[]; connections: unknown },
): ExecutionLifecycleHooks {
	return executionHooks('manual', executionId, workflow, false);
}

/** The same for any mode: a production run's workflow is active, a manual one's is not. */
export function executionHooks(
	mode: WorkflowExecuteMode,
	executionId: string,
	workflow: { id: string; name: string; nodes: INode[]; connections: unknown },
	active: boolean,
): ExecutionLifecycleHooks {
	return new ExecutionLifecycleHooks(mode, executionId, {
		...workflow,
		active,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		settings: {},
	} as never);
}

export { nodeTypesByName as NODE_TYPES_BY_NAME };

export function additionalData(
	credentials: ICredentialDataDecryptedObject,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: newCredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		executionId: 'test-execution',
		userId: 'test-user',
		variables: {},
		setExecutionStatus: () => {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used');
		},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function actionNode(parameters: IDataObject, settings: Partial<INode> = {}): INode {
	return {
		id: 'action-node',
		name: 'ShareFile',
		type: ACTION_NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: parameters as INode['parameters'],
		credentials: { cloudElementsApi: { id: '1', name: 'Cloud Elements' } },
		...settings,
	};
}

export interface ActionRun {
	items: INodeExecutionData[];
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	hints: NodeExecutionHint[];
	run?: IRun;
}

/**
 * Runs the action node through n8n's own workflow engine (WorkflowExecute), fed by a node that
 * emits `inputItems`, and returns what the node produced or the error it stopped with.
 */
export async function runActionNode(
	credentials: ICredentialDataDecryptedObject,
	parameters: IDataObject,
	options: {
		inputItems?: IDataObject[];
		node?: Partial<INode>;
		additionalData?: Partial<IWorkflowExecuteAdditionalData>;
	} = {},
): Promise<ActionRun> {
	const input: INode = {
		id: 'input-node',
		name: 'Input',
		type: INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: (options.inputItems ?? [{}]) as unknown as string },
	};
	const node = actionNode(parameters, options.node);
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes: [input, node],
		connections: { Input: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		staticData: {},
	});
	const hooks = manualExecutionHooks('test-execution', {
		id: 'test-workflow',
		name: 'Test',
		nodes: [input, node],
		connections: { Input: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	});
	const data = additionalData(credentials, { ...options.additionalData, hooks } as Partial<IWorkflowExecuteAdditionalData>);
	let run: IRun;
	try {
		run = await runWorkflow(new WorkflowExecute(data, 'manual'), workflow, input);
	} catch (error) {
		// n8n refuses to start a workflow whose parameters fail the node's own validation.
		return { items: [], error: error as ActionRun['error'], hints: [], run: undefined };
	}
	const nodeRuns = run.data.resultData.runData[node.name] ?? [];
	const last = nodeRuns[nodeRuns.length - 1];
	return {
		items: last?.data?.main?.[0] ?? [],
		error: (last?.error ?? run.data.resultData.error) as ActionRun['error'],
		hints: (last?.hints ?? []) as NodeExecutionHint[],
		run,
	};
}

/**
 * The context the editor's list searches run in: the action node with `parameters`, which are
 * also what the editor sends as the node's current parameters.
 */
function editorContext(credentials: ICredentialDataDecryptedObject, parameters: IDataObject, path: string) {
	const node = actionNode(parameters);
	const workflow = new Workflow({ id: 'test-workflow', nodes: [node], connections: {}, active: false, nodeTypes });
	const data = additionalData(credentials, {
		currentNodeParameters: parameters,
	} as Partial<IWorkflowExecuteAdditionalData>);
	return new LoadOptionsContext(workflow, node, data, path);
}

/** Calls the node's instance search as the editor does, through n8n's LoadOptionsContext. */
export async function searchInstancesInEditor(
	credentials: ICredentialDataDecryptedObject,
	filter?: string,
) {
	const context = editorContext(credentials, { resource: 'instance', operation: 'get' }, 'instance');
	const type = NODE_TYPES[ACTION_NODE_TYPE];
	return await type.methods!.listSearch!.searchInstances.call(context, filter);
}

/**
 * Calls a file or folder picker's search as the editor does: through n8n's LoadOptionsContext,
 * with the node's current parameters (the instance picked) as the editor sends them.
 */
export async function searchDocumentsInEditor(
	credentials: ICredentialDataDecryptedObject,
	method: 'searchFiles' | 'searchFolders',
	instance: IDataObject,
	filter?: string,
	paginationToken?: string,
) {
	const context = editorContext(credentials, { resource: 'file', operation: 'download', instance }, 'file');
	const type = NODE_TYPES[ACTION_NODE_TYPE];
	return await type.methods!.listSearch![method].call(context, filter, paginationToken);
}

/** Tests a credential as the editor's "Test" button does, through n8n's CredentialTestContext. */
export async function testCredentialInEditor(credentials: ICredentialDataDecryptedObject) {
	const context = new CredentialTestContext();
	const type = NODE_TYPES[ACTION_NODE_TYPE];
	return await type.methods!.credentialTest!.cloudElementsApiTest.call(context, {
		id: '1',
		name: 'Cloud Elements',
		type: 'cloudElementsApi',
		data: credentials,
	});
}
