/**
 * The line under a node's name on the canvas. The editor resolves `description.subtitle` with
 * n8n-workflow's own expression engine (getSimpleParameterValue, mode 'internal'); so does this
 * test, on nodes as the editor stores them.
 */
import { Workflow, type INode, type INodeType } from 'n8n-workflow';

import { CloudElementsShareFilePollingTrigger } from '../../nodes/CloudElementsShareFilePollingTrigger/CloudElementsShareFilePollingTrigger.node';
import { CloudElementsShareFileTrigger } from '../../nodes/CloudElementsShareFileTrigger/CloudElementsShareFileTrigger.node';
import { ShareFilePollingTrigger } from '../../nodes/ShareFilePollingTrigger/ShareFilePollingTrigger.node';

function subtitle(type: INodeType, parameters: INode['parameters']): unknown {
	const node: INode = {
		id: 'n1',
		name: 'Node',
		type: `test.${type.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const nodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, type.description.subtitle!, 'internal', {});
}

const picked = (mode: string, value: string) => ({ instance: { __rl: true, mode, value, cachedResultName: 'Finance (#4242)' } });

describe.each([
	['webhook trigger', new CloudElementsShareFileTrigger()],
	['polling trigger', new CloudElementsShareFilePollingTrigger()],
])('%s subtitle', (_name, type) => {
	it.each([
		['from the list', picked('list', '4242')],
		['by ID', picked('id', '4242')],
		['by URL', picked('url', 'https://api.cloud-elements.com/elements/api-v2/instances/4242')],
	])('names the instance picked %s', (_mode, parameters) => {
		expect(subtitle(type, parameters)).toBe('Instance 4242');
	});

	it('says that no instance is picked yet', () => {
		expect(subtitle(type, { instance: { __rl: true, mode: 'list', value: '' } })).toBe('No instance picked');
	});
});

describe('ShareFile Polling Trigger subtitle', () => {
	it('says whether the folders below count', () => {
		expect(subtitle(new ShareFilePollingTrigger(), {})).toBe('Folder and below');
		expect(subtitle(new ShareFilePollingTrigger(), { includeSubfolders: false })).toBe('Folder');
	});
});
