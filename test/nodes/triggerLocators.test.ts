/**
 * n8n checks a node's parameters before every execution (n8n-core's checkReadyForExecution calls
 * n8n-workflow's getNodeParametersIssues), and runs each resource locator regex check of the
 * mode in use in its safe-regex sandbox. For a trigger, that is a cost on every delivery and
 * every poll: the triggers leave their locators unchecked there and check the value themselves
 * on activation. The action nodes keep the check, which the editor shows as the user types.
 */
import { NodeHelpers, safeRegex, type INode, type INodeType } from 'n8n-workflow';

import { CloudElementsShareFilePollingTrigger } from '../../nodes/CloudElementsShareFilePollingTrigger/CloudElementsShareFilePollingTrigger.node';
import { CloudElementsShareFileTrigger } from '../../nodes/CloudElementsShareFileTrigger/CloudElementsShareFileTrigger.node';
import { CloudElementsShareFile } from '../../nodes/CloudElementsShareFile/CloudElementsShareFile.node';
import { ShareFile } from '../../nodes/ShareFile/ShareFile.node';
import { ShareFilePollingTrigger } from '../../nodes/ShareFilePollingTrigger/ShareFilePollingTrigger.node';
import { ShareFileTrigger } from '../../nodes/ShareFileTrigger/ShareFileTrigger.node';

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

/** How many regex checks n8n runs in its sandbox when it checks the node before an execution. */
function regexChecksBeforeExecution(type: INodeType, parameters: INode['parameters']): { checks: number; issues: unknown } {
	const node: INode = { id: 'n1', name: 'Node', type: `test.${type.description.name}`, typeVersion: 1, position: [0, 0], parameters };
	const test = jest.spyOn(safeRegex, 'test');
	try {
		const issues = NodeHelpers.getNodeParametersIssues(type.description.properties, node, type.description);
		return { checks: test.mock.calls.length, issues };
	} finally {
		test.mockRestore();
	}
}

describe('resource locator checks before each execution', () => {
	it.each([
		['ShareFile Trigger, folder by path', new ShareFileTrigger(), { listenTo: 'folder', folder: locator('path', 'top/Reports') }],
		['ShareFile Polling Trigger, folder by path', new ShareFilePollingTrigger(), { folder: locator('path', 'top/Reports') }],
		['Cloud Elements webhook trigger, instance by ID', new CloudElementsShareFileTrigger(), { instance: locator('id', 'x42') }],
		['Cloud Elements polling trigger, instance by ID', new CloudElementsShareFilePollingTrigger(), { instance: locator('id', 'x42') }],
	])('%s: none (checked on activation instead)', (_name, type, parameters) => {
		expect(regexChecksBeforeExecution(type, parameters)).toEqual({ checks: 0, issues: null });
	});

	it.each([
		['ShareFile, folder by path', new ShareFile(), { resource: 'folder', operation: 'get', folder: locator('path', 'top/Reports') }, 'folder'],
		['Cloud Elements ShareFile, instance by ID', new CloudElementsShareFile(), { resource: 'instance', operation: 'get', instance: locator('id', 'x42') }, 'instance'],
	])('%s: the action nodes keep theirs, which name the fix', (_name, type, parameters, field) => {
		const { checks, issues } = regexChecksBeforeExecution(type, parameters);
		expect(checks).toBeGreaterThan(0);
		expect((issues as { parameters?: Record<string, string[]> })?.parameters?.[field]?.[0]).toMatch(/starts with \/|is a number/);
	});
});
