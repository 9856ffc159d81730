import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type ICredentialsHelper,
	type INodeExecutionData,
	type INodeType,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { CloudElementsShareFilePollingTrigger } from '../../nodes/CloudElementsShareFilePollingTrigger/CloudElementsShareFilePollingTrigger.node';
import { DOCUMENTS_FORM_ROW } from './formRows';
import { additionalData, PACKAGE } from './n8n';

export const POLLING_TRIGGER_TYPE = `${PACKAGE}.cloudElementsShareFilePollingTrigger`;

/** Which polling trigger a PolledWorkflow runs: the Cloud Elements one unless told otherwise. */
export interface PollTriggerSetup {
	type: INodeType & Required<Pick<INodeType, 'poll'>>;
	typeName: string;
	credentials: INode['credentials'];
	/** Stands for n8n's credential store; by default one holding the Cloud Elements credentials. */
	credentialsHelper?: ICredentialsHelper;
}

const CLOUD_ELEMENTS_POLLING: PollTriggerSetup = {
	type: new CloudElementsShareFilePollingTrigger(),
	typeName: POLLING_TRIGGER_TYPE,
	credentials: { cloudElementsApi: { id: '1', name: 'Cloud Elements' } },
};

/**
 * An active polling trigger as n8n keeps it: a workflow whose static data is saved as JSON
 * between polls (as n8n's database does), so `restart()` starts again from what was saved.
 */
export class PolledWorkflow {
	private saved = '{}';

	constructor(
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly parameters: IDataObject,
		private readonly setup: PollTriggerSetup = CLOUD_ELEMENTS_POLLING,
	) {}

	/**
	 * The same workflow after an n8n restart: only what was saved survives. With `parameters`,
	 * the node was edited meanwhile (say, another page size) and keeps its static data.
	 */
	restart(parameters: IDataObject = this.parameters): PolledWorkflow {
		const restarted = new PolledWorkflow(this.credentials, parameters, this.setup);
		restarted.saved = this.saved;
		return restarted;
	}

	get staticDataJson(): string {
		return this.saved;
	}

	/** One poll through n8n's PollContext; static data is kept only if the poll succeeded. */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[] | null> {
		const { type, typeName, credentials, credentialsHelper } = this.setup;
		const node: INode = {
			id: 'poll-node',
			name: 'ShareFile Polling Trigger',
			type: typeName,
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters as INode['parameters'],
			credentials,
		};
		const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
		const workflow = new Workflow({
			id: 'poll-workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(this.saved) as IDataObject,
		});
		const extra = credentialsHelper ? { credentialsHelper } : {};
		const context = new PollContext(workflow, node, additionalData(this.credentials, extra), mode, 'activate');
		const result = await type.poll.call(context);
		this.saved = JSON.stringify(workflow.staticData);
		return result ? result[0] : null;
	}
}

/** A polling trigger on an instance's ShareFile documents, set up with the form's defaults. */
export function documentsPollTrigger(
	credentials: ICredentialDataDecryptedObject,
	instance: IDataObject,
	parameters: IDataObject = {},
): PolledWorkflow {
	return new PolledWorkflow(credentials, {
		instance,
		resourceSource: 'form',
		pollResources: { resource: [DOCUMENTS_FORM_ROW] },
		eventTypes: ['CREATED', 'UPDATED'],
		pathPrefix: '',
		startFrom: 'now',
		...parameters,
	});
}
