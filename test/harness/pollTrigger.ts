import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { CloudElementsShareFilePollingTrigger } from '../../nodes/CloudElementsShareFilePollingTrigger/CloudElementsShareFilePollingTrigger.node';
import { DOCUMENTS_FORM_ROW } from './formRows';
import { additionalData, PACKAGE } from './n8n';

export const POLLING_TRIGGER_TYPE = `${PACKAGE}.cloudElementsShareFilePollingTrigger`;
const trigger = new CloudElementsShareFilePollingTrigger();
const nodeTypes = {
	getByName: () => trigger,
	getByNameAndVersion: () => trigger,
	getKnownTypes: () => ({}),
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
	) {}

	/**
	 * The same workflow after an n8n restart: only what was saved survives. With `parameters`,
	 * the node was edited meanwhile (say, another page size) and keeps its static data.
	 */
	restart(parameters: IDataObject = this.parameters): PolledWorkflow {
		const restarted = new PolledWorkflow(this.credentials, parameters);
		restarted.saved = this.saved;
		return restarted;
	}

	get staticDataJson(): string {
		return this.saved;
	}

	/** One poll through n8n's PollContext; static data is kept only if the poll succeeded. */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[] | null> {
		const node: INode = {
			id: 'poll-node',
			name: 'ShareFile Polling Trigger',
			type: POLLING_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters as INode['parameters'],
			credentials: { cloudElementsApi: { id: '1', name: 'Cloud Elements' } },
		};
		const workflow = new Workflow({
			id: 'poll-workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(this.saved) as IDataObject,
		});
		const context = new PollContext(workflow, node, additionalData(this.credentials), mode, 'activate');
		const result = await trigger.poll.call(context);
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
