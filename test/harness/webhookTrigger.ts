import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { AddressInfo } from 'net';

import { HookContext, TriggerContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type ITriggerResponse,
	type ICredentialsHelper,
	type INodeType,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { CloudElementsShareFileTrigger } from '../../nodes/CloudElementsShareFileTrigger/CloudElementsShareFileTrigger.node';
import { additionalData, executionHooks, PACKAGE } from './n8n';
import type { SandboxClient } from './sandboxClient';

export const WEBHOOK_TRIGGER_TYPE = `${PACKAGE}.cloudElementsShareFileTrigger`;
const cloudElementsTrigger = new CloudElementsShareFileTrigger();

/** Which trigger node a harness runs, with its credential (the Cloud Elements webhook trigger unless told). */
export interface TriggerSetup {
	type: INodeType;
	typeName: string;
	typeVersion: number;
	credentials: INode['credentials'];
	/** n8n's database of credentials, when the node's is not the Cloud Elements one given. */
	credentialsHelper?: ICredentialsHelper;
}

const CLOUD_ELEMENTS_TRIGGER: TriggerSetup = {
	type: cloudElementsTrigger,
	typeName: WEBHOOK_TRIGGER_TYPE,
	typeVersion: 1.1,
	credentials: { cloudElementsApi: { id: '1', name: 'Cloud Elements' } },
};

export interface Answer {
	status: number;
	body: string;
	started: boolean;
}

/**
 * n8n's webhook side for one trigger node: an HTTP server on 127.0.0.1 that hands each POST to
 * the node through n8n-core's WebhookContext (the request a real IncomingMessage, with the raw
 * body n8n's middleware keeps), and n8n-core's HookContext for activation and deactivation.
 * Production and editor-test registrations keep separate static data, as in n8n.
 */
export class WebhookTriggerHarness {
	readonly started: INodeExecutionData[][] = [];

	readonly answers: Answer[] = [];

	/** n8n down (or the workflow not listening): every request gets this status, the node is not run. */
	down: number | undefined;

	/** Called with each request's body before the node sees it (e.g. to make a change meanwhile). */
	beforeHandle: ((body: unknown) => Promise<void> | void) | undefined;

	private server: Server | undefined;

	private origin = '';

	private readonly workflows: Record<'production' | 'test', Workflow>;

	readonly node: INode;

	constructor(
		private readonly credentials: ICredentialDataDecryptedObject,
		parameters: IDataObject,
		readonly webhookId = `wh-${Math.random().toString(36).slice(2, 10)}`,
		private readonly setup: TriggerSetup = CLOUD_ELEMENTS_TRIGGER,
	) {
		const type = setup.type;
		const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
		this.node = {
			id: 'trigger-node',
			name: 'ShareFile Trigger',
			type: setup.typeName,
			typeVersion: setup.typeVersion,
			position: [0, 0],
			webhookId,
			parameters: parameters as INode['parameters'],
			credentials: setup.credentials,
		};
		// As n8n builds them: production active, an editor test session's inactive (TestWebhooks).
		const workflow = (active: boolean) =>
			new Workflow({
				id: `wf-${webhookId}`,
				nodes: [this.node],
				connections: {},
				active,
				nodeTypes,
				staticData: {},
			});
		this.workflows = { production: workflow(true), test: workflow(false) };
	}

	async start(): Promise<this> {
		this.server = createServer((request, response) => {
			void this.handle(request, response);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server.closeAllConnections();
	}

	private data() {
		return additionalData(this.credentials, {
			webhookBaseUrl: `${this.origin}/webhook`,
			webhookTestBaseUrl: `${this.origin}/webhook-test`,
			...(this.setup.credentialsHelper ? { credentialsHelper: this.setup.credentialsHelper } : {}),
		});
	}

	private webhookData(isTest: boolean): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: 'webhook',
			webhookDescription: this.setup.type.description.webhooks![0],
			workflowId: `wf-${this.webhookId}`,
			workflowExecuteAdditionalData: this.data(),
			webhookId: this.webhookId,
			isTest,
		} as IWebhookData;
	}

	/** Runs one of the node's webhook methods as n8n does on activation or deactivation. */
	async hook(method: 'checkExists' | 'create' | 'delete', isTest = false, activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		const workflow = this.workflows[isTest ? 'test' : 'production'];
		const context = new HookContext(
			workflow,
			this.node,
			this.data(),
			isTest ? 'manual' : 'trigger',
			isTest ? 'manual' : activation,
			this.webhookData(isTest),
		);
		return await this.setup.type.webhookMethods!.default![method]!.call(context);
	}

	/**
	 * What n8n 2.41 runs when it activates the workflow (`activate`) or brings it back at start-up
	 * (`init`): the node's `trigger()` through n8n-core's TriggerContext, and its webhook's
	 * `checkExists`, then `create` when that answers false. Answers whether the registration stood,
	 * the trigger's response and what it emitted.
	 */
	async activate(activation: WorkflowActivateMode = 'activate') {
		const workflow = this.workflows.production;
		const emitted: INodeExecutionData[][][] = [];
		const context = new TriggerContext(workflow, this.node, this.data(), 'trigger', activation, (data) => {
			emitted.push(data);
		});
		// Only a node that is a trigger too (the Cloud Elements one, for start-up) has trigger().
		const response: ITriggerResponse | undefined = await this.setup.type.trigger?.call(context);
		const existed = await this.hook('checkExists', false, activation);
		if (!existed) await this.hook('create', false, activation);
		return { existed, response, emitted };
	}

	/**
	 * Runs an execution the way n8n does once `webhook()` answered items (WebhookHelpers): the
	 * workflow engine starts at this node with those items as its data, in `mode` (`webhook`
	 * in production, `manual` for the editor's "Listen for test event"). Answers the node's output.
	 */
	async runExecution(items: INodeExecutionData[], mode: 'webhook' | 'manual'): Promise<INodeExecutionData[]> {
		const workflow = this.workflows[mode === 'manual' ? 'test' : 'production'];
		const hooks = executionHooks(mode, 'test-execution', { id: workflow.id, name: 'Test', nodes: [this.node], connections: {} }, mode !== 'manual');
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: this.node, data: { main: [items] }, source: null }] },
		});
		const data = { ...this.data(), hooks } as IWorkflowExecuteAdditionalData;
		const run = await new WorkflowExecute(data, mode, runData).processRunExecutionData(workflow);
		return run.data.resultData.runData[this.node.name]?.[0]?.data?.main?.[0] ?? [];
	}

	url(isTest = false): string {
		return `${this.origin}/${isTest ? 'webhook-test' : 'webhook'}/${this.webhookId}/webhook`;
	}

	staticData(isTest = false): IDataObject {
		return this.workflows[isTest ? 'test' : 'production'].staticData;
	}

	private async handle(request: IncomingMessage, response: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(request.url ?? '/', this.origin);
		const isTest = url.pathname.startsWith('/webhook-test/');
		const answer = (status: number, body: string, started: boolean) => {
			this.answers.push({ status, body, started });
			if (!response.headersSent) {
				response.statusCode = status;
				response.setHeader('content-type', 'application/json');
				response.end(body);
			}
		};
		if (this.down !== undefined) {
			answer(this.down, '{"message":"n8n is down"}', false);
			return;
		}
		if (request.method !== 'POST' || url.pathname !== new URL(this.url(isTest)).pathname) {
			answer(404, '{"message":"not registered"}', false);
			return;
		}
		// What n8n's body parser leaves on the request.
		const augmented = Object.assign(request, {
			rawBody,
			readRawBody: async () => {},
			query: Object.fromEntries(url.searchParams),
			params: {},
			body: (() => {
				try {
					return JSON.parse(rawBody.toString('utf8'));
				} catch {
					return {};
				}
			})(),
		});
		let sent: { status: number; body: string } | undefined;
		const expressResponse = Object.assign(response, {
			status(code: number) {
				response.statusCode = code;
				return expressResponse;
			},
			json(value: unknown) {
				sent = { status: response.statusCode, body: JSON.stringify(value) };
				return expressResponse;
			},
			send(value: unknown) {
				sent = { status: response.statusCode, body: String(value) };
				return expressResponse;
			},
		});
		if (this.beforeHandle) await this.beforeHandle(augmented.body);
		const workflow = this.workflows[isTest ? 'test' : 'production'];
		const context = new WebhookContext(
			workflow,
			this.node,
			{ ...this.data(), httpRequest: augmented as never, httpResponse: expressResponse as never },
			isTest ? 'manual' : 'webhook',
			this.webhookData(isTest),
			[],
			null,
		);
		try {
			const result = await this.setup.type.webhook!.call(context);
			if (result.noWebhookResponse) {
				answer(sent?.status ?? 200, sent?.body ?? '', false);
			} else if (result.workflowData) {
				this.started.push(result.workflowData[0]);
				answer(200, '{"message":"Workflow was started"}', true);
			} else {
				answer(200, JSON.stringify(result.webhookResponse ?? {}), false);
			}
		} catch (error) {
			answer(500, JSON.stringify({ message: (error as Error).message }), false);
		}
	}
}

/**
 * For a test file: `activate(parameters)` makes a sandbox instance and activates a trigger on
 * it (its callback now n8n's URL), listening; every trigger is closed after its test.
 */
export function useActivatedTriggers(sandbox: () => SandboxClient) {
	const harnesses: WebhookTriggerHarness[] = [];
	afterEach(async () => {
		while (harnesses.length) await harnesses.pop()!.close();
	});
	return async (parameters: IDataObject, name = 'delivering') => {
		const instance = await sandbox().createInstance(name);
		const harness = new WebhookTriggerHarness(sandbox().credentials(), {
			instance: { __rl: true, mode: 'id', value: String(instance.id) },
			eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED'],
			signatureKeySource: 'generate',
			registration: 'callback',
			...parameters,
		});
		harnesses.push(harness);
		await harness.start();
		await harness.hook('create');
		return { instance, harness };
	};
}
