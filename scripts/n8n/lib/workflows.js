'use strict';
// Workflow JSON for the three node types, in the shape n8n's public API and `import:workflow`
// take. Used by `npm start` (examples) and the end-to-end tests.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = 'n8n-nodes-cloud-elements-sharefile';
const TYPES = {
	action: `${PACKAGE}.cloudElementsShareFile`,
	webhookTrigger: `${PACKAGE}.cloudElementsShareFileTrigger`,
	pollingTrigger: `${PACKAGE}.cloudElementsShareFilePollingTrigger`,
	shareFilePollingTrigger: `${PACKAGE}.shareFilePollingTrigger`,
};
const CREDENTIAL_TYPE = 'cloudElementsApi';
const SHAREFILE_CREDENTIAL_TYPE = 'shareFileOAuth2Api';

/** The credential values for a Cloud Elements sandbox (or any custom base URL). */
function sandboxCredentialData(baseUrl, overrides = {}) {
	return {
		environment: 'custom',
		baseUrl,
		userSecret: 'sandbox-user-secret',
		organizationSecret: 'sandbox-organization-secret',
		sharefileClientId: 'sandbox-sharefile-client',
		sharefileClientSecret: 'sandbox-sharefile-client-secret',
		sharefileRedirectUri: 'http://127.0.0.1/oauth/callback',
		...overrides,
	};
}

function credentialRef(credential) {
	return { [CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name } };
}

function instanceById(instanceId) {
	return { __rl: true, mode: 'id', value: String(instanceId) };
}

let position = 0;
function node(name, type, parameters, extra = {}) {
	position += 1;
	return {
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion: 1,
		position: [250 + 220 * (position % 4), 300],
		parameters,
		...extra,
	};
}

function chain(nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

function workflow(name, nodes) {
	return { name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } };
}

const noOp = (name = 'Received') => node(name, 'n8n-nodes-base.noOp', {});

/** Manual trigger → ShareFile (Cloud Elements) with the given parameters. */
function actionWorkflow(name, credential, parameters, nodeName = 'ShareFile') {
	return workflow(name, [
		node('Start', 'n8n-nodes-base.manualTrigger', {}),
		node(nodeName, TYPES.action, parameters, { credentials: credentialRef(credential) }),
	]);
}

/** Poll Times every minute (the fastest n8n's form offers), or a cron expression. */
function pollTimes(cronExpression) {
	return cronExpression
		? { item: [{ mode: 'custom', cronExpression }] }
		: { item: [{ mode: 'everyMinute' }] };
}

/** ShareFile Polling Trigger on one instance → No Op. */
function pollingWorkflow(name, credential, instanceId, { cronExpression, parameters = {} } = {}) {
	return workflow(name, [
		node(
			'ShareFile Polling Trigger',
			TYPES.pollingTrigger,
			{
				pollTimes: pollTimes(cronExpression),
				instance: instanceById(instanceId),
				resourceSource: 'form',
				eventTypes: ['CREATED', 'UPDATED'],
				startFrom: 'now',
				...parameters,
			},
			{ credentials: credentialRef(credential) },
		),
		noOp('Changed Item'),
	]);
}

/** ShareFile Polling Trigger (ShareFile's own API) on a folder → No Op; `credentials` as the node carries them. */
function shareFilePollingWorkflow(name, credentials, parameters) {
	return workflow(name, [
		node(
			'ShareFile Polling Trigger',
			TYPES.shareFilePollingTrigger,
			{ pollTimes: pollTimes(), includeSubfolders: true, events: ['File:Upload', 'File:Update'], startFrom: 'now', ...parameters },
			{ credentials },
		),
		noOp('Changed File'),
	]);
}

/** ShareFile Trigger (webhook) on one instance → No Op. */
function webhookWorkflow(name, credential, instanceId, { webhookId = crypto.randomUUID(), parameters = {}, typeVersion = 1.1 } = {}) {
	return workflow(name, [
		node(
			'ShareFile Trigger',
			TYPES.webhookTrigger,
			{
				instance: instanceById(instanceId),
				detection: 'webhook',
				eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED'],
				signatureKeySource: 'generate',
				registration: 'callback',
				...parameters,
			},
			{ credentials: credentialRef(credential), webhookId, typeVersion },
		),
		noOp('Delivered Event'),
	]);
}

/** The items one node output in an execution read back with includeData=true. */
/**
 * A workflow from examples/, pointed at a credential and an instance (the files carry
 * placeholders), each webhook given a fresh id so that copies do not share a URL. The examples on
 * ShareFile's own API take `shareFileCredential` (a ShareFile OAuth2 API credential) instead.
 */
function exampleWorkflow(file, credential, instanceId, shareFileCredential) {
	const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', file), 'utf8'));
	for (const node of example.nodes) {
		if (node.credentials?.[CREDENTIAL_TYPE]) node.credentials = credentialRef(credential);
		if (node.credentials?.[SHAREFILE_CREDENTIAL_TYPE] && shareFileCredential) {
			node.credentials = { [SHAREFILE_CREDENTIAL_TYPE]: { id: String(shareFileCredential.id), name: shareFileCredential.name } };
		}
		if (node.parameters?.instance) node.parameters.instance = instanceById(instanceId);
		if (node.webhookId) node.webhookId = crypto.randomUUID();
	}
	return { name: example.name, nodes: example.nodes, connections: example.connections, settings: example.settings };
}

function nodeItems(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((run) => run?.data?.main?.[0] ?? []).map((item) => item.json);
}

module.exports = {
	CREDENTIAL_TYPE,
	PACKAGE,
	SHAREFILE_CREDENTIAL_TYPE,
	TYPES,
	actionWorkflow,
	credentialRef,
	exampleWorkflow,
	instanceById,
	nodeItems,
	pollingWorkflow,
	sandboxCredentialData,
	shareFilePollingWorkflow,
	webhookWorkflow,
};
