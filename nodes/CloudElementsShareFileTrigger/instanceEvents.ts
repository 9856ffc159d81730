import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { Registration } from '../engine/webhook/callbackRegistration';
import { instanceTopic } from '../engine/webhook/instanceSubscription';
import { findPollConfigurationProblems, findRefreshIntervalProblem } from '../engine/pollConfigurationProblems';
import { pollerConfigurationFromForm, type PollResourceForm } from '../engine/pollResourceForm';
import { instanceIdFrom, readInstance, type InstanceRecord } from '../cloudElements/instances/instanceToken';

/** An instance's event settings (CLOUD_ELEMENTS_CONTRACT.md §3), as both registration modes use them. */
export const ENABLED = 'event.notification.enabled';
export const VENDOR = 'event.vendor.type';
export const CALLBACK = 'event.notification.callback.url';
export const SIGNATURE_KEY = 'event.notification.signature.key';

export async function instanceOfNode(this: IHookFunctions): Promise<InstanceRecord> {
	const id = instanceIdFrom.call(this, this.getNodeParameter('instance', undefined, { extractValue: true }));
	return await readInstance.call(this, id);
}

export function currentRegistration(instance: InstanceRecord): Registration {
	const configuration = instance.configuration ?? {};
	return {
		callbackUrl: String(configuration[CALLBACK] ?? ''),
		enabled: String(configuration[ENABLED] ?? 'false') === 'true',
		vendorType: String(configuration[VENDOR] ?? ''),
	};
}

/** The topic the instance's events are published on (its element's key; ShareFile's when absent). */
export function topicOf(instance: InstanceRecord): string {
	return instanceTopic(instance.id, String((instance.element as IDataObject | undefined)?.key ?? 'sharefile'));
}

/** Whether the instance has a signature key (Cloud Elements shows a set one masked). */
export function hasSignatureKey(instance: InstanceRecord): boolean {
	return String(instance.configuration?.[SIGNATURE_KEY] ?? '') !== '';
}

/** How Cloud Elements learns of changes: ShareFile's webhooks, or its own polling as configured. */
export function detectionConfiguration(this: IHookFunctions): IDataObject {
	const detection = this.getNodeParameter('detection', 'webhook') as string;
	if (detection !== 'polling') return { [VENDOR]: 'webhook' };
	const refreshInterval = this.getNodeParameter('refreshInterval', 15) as number;
	const pollerConfiguration = pollerConfigurationFromForm(
		this.getNodeParameter('pollResources.resource', []) as PollResourceForm[],
	);
	const problems = [
		findRefreshIntervalProblem(refreshInterval),
		...findPollConfigurationProblems(pollerConfiguration),
	].filter((problem) => problem?.severity === 'error');
	if (problems.length > 0) {
		throw new NodeOperationError(this.getNode(), problems[0]!.message, {
			description: problems.map((problem) => `- ${problem!.message}`).join('\n'),
		});
	}
	return {
		[VENDOR]: 'polling',
		'event.poller.refresh_interval': String(refreshInterval),
		'event.poller.configuration': pollerConfiguration as unknown as IDataObject,
	};
}

/**
 * Cloud Elements unreachable while n8n starts: the registration stood when n8n stopped, so it is
 * taken as standing. n8n 2.41 removes a webhook whose checkExists keeps failing at start-up, and
 * before the node was also a trigger nothing ran then; recovery waits for the next activation.
 */
export function standsUnread(this: IHookFunctions, error: unknown): boolean {
	if (!['init', 'leadershipChange'].includes(this.getActivationMode())) throw error;
	const message = (error as { message?: string }).message ?? String(error);
	this.logger.warn(`ShareFile Trigger: Cloud Elements could not be read at start-up, the registration is kept as it was: ${message}`);
	return true;
}

/** A registration's key, or the error that says the credential lacks the one it was asked to use. */
export function requireSignatureKey(this: IHookFunctions, key: string | undefined): string {
	if (key) return key;
	throw new NodeOperationError(this.getNode(), 'The Cloud Elements credential has no Event Signature Key', {
		description: 'Add an Event Signature Key to the credential, or set Signature Key to "Generate One".',
	});
}
