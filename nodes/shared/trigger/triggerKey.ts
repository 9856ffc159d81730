import type { IExecuteFunctions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * Which trigger this is, for this process's memories (replay memory, released deliveries,
 * reconcile notes): the workflow, the node, and production (`webhook`) or an editor test. The
 * lifecycle methods and executions run in modes of their own but speak for the production
 * webhook, so they pass `webhook`.
 */
export function triggerKey(this: IHookFunctions | IWebhookFunctions | IExecuteFunctions, mode: string = this.getMode()): string {
	const node = this.getNode();
	return `${this.getWorkflow().id ?? ''}\n${node.id ?? node.name}\n${mode}`;
}
