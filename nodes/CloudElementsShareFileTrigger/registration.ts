import { randomBytes } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import {
	callbackTarget,
	CREDENTIAL_KEY_NONCE,
	derivedSignatureKey,
	nonceOf,
	previousRegistrationOf,
	registeredCallbackUrl,
	type Registration,
} from '../shared/engine/webhook/callbackRegistration';
import { findPollConfigurationProblems, findRefreshIntervalProblem } from '../shared/engine/pollConfigurationProblems';
import { pollerConfigurationFromForm, type PollResourceForm } from '../shared/engine/pollResourceForm';
import { instanceIdFrom, readInstance, type InstanceRecord } from '../shared/instances/instanceToken';
import { settle } from '../shared/settle';
import { cloudElementsRequest, CREDENTIAL_TYPE } from '../shared/transport';
import {
	recoverBeforeRegistration,
	recoverMissedEvents,
	recoverQuietly,
	releaseAfterRegistration,
	type PendingRelease,
} from './recovery';

const ENABLED = 'event.notification.enabled';
const VENDOR = 'event.vendor.type';
const CALLBACK = 'event.notification.callback.url';
const SIGNATURE_KEY = 'event.notification.signature.key';

async function instanceOfNode(this: IHookFunctions): Promise<InstanceRecord> {
	const id = instanceIdFrom.call(this, this.getNodeParameter('instance', undefined, { extractValue: true }));
	return await readInstance.call(this, id);
}

function currentRegistration(instance: InstanceRecord): Registration {
	const configuration = instance.configuration ?? {};
	return {
		callbackUrl: String(configuration[CALLBACK] ?? ''),
		enabled: String(configuration[ENABLED] ?? 'false') === 'true',
		vendorType: String(configuration[VENDOR] ?? ''),
	};
}

/**
 * Keys worked out lately, per workflow, node and nonce, in this process's memory only (never in
 * static data): every delivery needs its registration's key, and n8n reads and decrypts the
 * credential from its database each time it is asked for it — most of a delivery's cost. An
 * entry lives SIGNATURE_KEY_TTL_MS, so a changed credential counts within minutes.
 */
export const SIGNATURE_KEY_TTL_MS = 10 * 60_000;
const MAX_SIGNATURE_KEYS = 256;
const signatureKeys = new Map<string, { key: string | undefined; expiresAt: number }>();

/** The key a registration's deliveries are signed with, from the nonce in its callback URL. */
export async function signatureKeyFor(
	this: IHookFunctions | import('n8n-workflow').IWebhookFunctions,
	nonce: string | undefined,
): Promise<string | undefined> {
	if (!nonce) return undefined;
	const node = this.getNode();
	const memo = `${this.getWorkflow().id ?? ''}\n${node.id ?? node.name}\n${nonce}`;
	const known = signatureKeys.get(memo);
	if (known !== undefined && known.expiresAt > Date.now()) return known.key;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const key =
		nonce === CREDENTIAL_KEY_NONCE
			? String(credentials.eventSignatureSecret ?? '') || undefined
			: derivedSignatureKey([String(credentials.userSecret ?? ''), String(credentials.organizationSecret ?? '')], nonce);
	signatureKeys.delete(memo);
	if (signatureKeys.size >= MAX_SIGNATURE_KEYS) signatureKeys.delete(signatureKeys.keys().next().value as string);
	signatureKeys.set(memo, { key, expiresAt: Date.now() + SIGNATURE_KEY_TTL_MS });
	return key;
}

/**
 * Cloud Elements unreachable while n8n starts: the registration stood when n8n stopped, so it is
 * taken as standing. n8n 2.41 removes a webhook whose checkExists keeps failing at start-up, and
 * before the node was also a trigger nothing ran then; recovery waits for the next activation.
 */
function standsUnread(this: IHookFunctions, error: unknown): boolean {
	if (!['init', 'leadershipChange'].includes(this.getActivationMode())) throw error;
	const message = (error as { message?: string }).message ?? String(error);
	this.logger.warn(`ShareFile Trigger: Cloud Elements could not be read at start-up, the registration is kept as it was: ${message}`);
	return true;
}

/**
 * Events on and n8n's webhook URL as the callback: the registration stands, so `create` will
 * not run — this is where a restart of n8n (same URL; n8n runs this at start-up because the node
 * is also a trigger, startUpHook.ts) or an activation after a deactivation that kept the
 * registration recovers what was missed.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const read = await settle(async () => await instanceOfNode.call(this));
	if (!read.ok) return standsUnread.call(this, read.error);
	const instance = read.value;
	const current = currentRegistration(instance);
	const exists = current.enabled && callbackTarget(current.callbackUrl) === callbackTarget(this.getNodeWebhookUrl('default'));
	if (exists) {
		await recoverQuietly.call(this, async () => {
			const pending = await recoverBeforeRegistration.call(this, instance.id, current.callbackUrl);
			await releaseAfterRegistration.call(this, pending);
		});
	}
	return exists;
}

function detectionConfiguration(this: IHookFunctions): IDataObject {
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
 * Points the instance's events at this webhook. The callback URL carries what it replaced,
 * so `delete` can restore it even when it runs in another process or an editor test session.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new NodeOperationError(this.getNode(), 'n8n did not provide a webhook URL');
	const instance = await instanceOfNode.call(this);
	const current = currentRegistration(instance);
	// Re-registering over our own registration keeps what was there before us.
	const previous =
		callbackTarget(current.callbackUrl) === callbackTarget(webhookUrl)
			? (previousRegistrationOf(current.callbackUrl) ?? current)
			: current;
	const keySource = this.getNodeParameter('signatureKeySource', 'generate') as string;
	const nonce = keySource === 'credential' ? CREDENTIAL_KEY_NONCE : randomBytes(32).toString('base64url');
	const signatureKey = await signatureKeyFor.call(this, nonce);
	if (!signatureKey) {
		throw new NodeOperationError(this.getNode(), 'The Cloud Elements credential has no Event Signature Key', {
			description: 'Add an Event Signature Key to the credential, or set Signature Key to "Generate One".',
		});
	}
	const callbackUrl = registeredCallbackUrl(webhookUrl, nonce, previous);
	const configuration: IDataObject = {
		...detectionConfiguration.call(this),
		[ENABLED]: 'true',
		[CALLBACK]: callbackUrl,
		[SIGNATURE_KEY]: signatureKey,
	};
	// Missed and backfilled events first (delivered to this URL, verified by its nonce before
	// Cloud Elements knows it), so they run before anything live; queued ones are released once
	// the registration is in place, to be sent to it.
	const pending = await recoverQuietly.call<IHookFunctions, [() => Promise<PendingRelease | undefined>], Promise<PendingRelease | undefined>>(
		this,
		async () => await recoverBeforeRegistration.call(this, instance.id, callbackUrl),
	);
	await cloudElementsRequest.call(this, {
		method: 'PATCH',
		path: `/instances/${instance.id}`,
		body: { configuration },
	});
	await recoverQuietly.call(this, async () => await releaseAfterRegistration.call(this, pending));
	return true;
}

/**
 * A production deactivation with nothing to put back keeps the registration while missed events
 * are to be recovered: Cloud Elements goes on recording the instance's events and, as n8n answers
 * 404 while the workflow is inactive, retries and then queues them, so the next activation runs
 * them. Switching events off would leave nothing to recover. n8n deregisters production webhooks
 * on a workflow object marked active and an editor test session's on one marked inactive
 * (TestWebhooks.toWorkflow in n8n 2.41); a test session always puts back what it found.
 */
function keepsRegistration(this: IHookFunctions, previous: Registration): boolean {
	const nothingToPutBack = !previous.enabled || !previous.callbackUrl;
	return nothingToPutBack && this.getWorkflow().active && recoverMissedEvents(this);
}

/**
 * Puts back what `create` replaced — only if the callback is still this webhook's; another
 * workflow or person may have taken it since, and theirs is left alone.
 */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const instance = await instanceOfNode.call(this);
	const current = currentRegistration(instance);
	if (callbackTarget(current.callbackUrl) !== callbackTarget(this.getNodeWebhookUrl('default'))) return true;
	const previous = previousRegistrationOf(current.callbackUrl) ?? { callbackUrl: '', enabled: false, vendorType: '' };
	if (keepsRegistration.call(this, previous)) return true;
	const configuration: IDataObject = {
		[ENABLED]: String(previous.enabled),
		[CALLBACK]: previous.callbackUrl,
		// A key we did not set is unknown to us (Cloud Elements masks it), so it is cleared.
		[SIGNATURE_KEY]: (await signatureKeyFor.call(this, nonceOf(previous.callbackUrl))) ?? '',
	};
	if (previous.vendorType) configuration[VENDOR] = previous.vendorType;
	await cloudElementsRequest.call(this, {
		method: 'PATCH',
		path: `/instances/${instance.id}`,
		body: { configuration },
	});
	return true;
}
