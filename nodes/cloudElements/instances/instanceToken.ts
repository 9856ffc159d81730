import { createHash } from 'crypto';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { settle } from '../../shared/settle';
import { cloudElementsBaseUrl, cloudElementsRequest, CREDENTIAL_TYPE, type CloudElementsContext } from '../transport';

export interface InstanceRecord extends IDataObject {
	id: number;
	name: string;
	token: string;
	disabled?: boolean;
	configuration?: IDataObject;
	tags?: string[];
}

/**
 * Reads an instance, token included. Triggers call this instead of keeping the token in
 * static data, which must hold no secrets.
 */
export async function readInstance(
	this: CloudElementsContext,
	instanceId: string,
	timeoutMs?: number,
): Promise<InstanceRecord> {
	const { body } = await cloudElementsRequest.call(this, {
		method: 'GET',
		path: `/instances/${instanceId}`,
		timeoutMs,
	});
	const instance = body as InstanceRecord;
	if (!instance || typeof instance.token !== 'string' || !instance.token) {
		throw new NodeOperationError(this.getNode(), `Instance ${instanceId} came back without a token`, {
			description: 'Cloud Elements did not return the instance token; check that the credential belongs to the account that owns the instance.',
		});
	}
	return instance;
}

/** A number picked in the instance picker, or a clear error naming the field. */
export function instanceIdFrom(
	this: CloudElementsContext,
	value: unknown,
	itemIndex?: number,
): string {
	const id = String(value ?? '').trim();
	if (!/^[0-9]+$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `Instance "${id}" is not an instance ID`, {
			description: 'Pick an instance from the list, or enter its numeric ID (e.g. 4242).',
			itemIndex,
		});
	}
	return id;
}

/**
 * Instances read lately, token included, in this process's memory only — never in static
 * data, never on disk. A polling trigger needs its instance's token on every poll; reading the
 * instance each time would cost one request per poll on top of the pages. An entry lives
 * INSTANCE_TTL_MS, is keyed by base URL, instance id and a hash of the credential's secrets
 * (another credential never gets a token it could not read itself), and is dropped when a hub
 * call with its token is refused (withInstance).
 */
export const INSTANCE_TTL_MS = 5 * 60_000;
const MAX_CACHED_INSTANCES = 200;

interface CachedInstance {
	instance: InstanceRecord;
	expiresAt: number;
}

const cachedInstances = new Map<string, CachedInstance>();

async function cacheKey(this: CloudElementsContext, instanceId: string): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const who = createHash('sha256')
		.update(`${String(credentials.userSecret ?? '')}\n${String(credentials.organizationSecret ?? '')}`)
		.digest('base64');
	return `${cloudElementsBaseUrl(credentials)}\n${instanceId}\n${who}`;
}

/** Forgets every cached instance (tests; or after credentials change). */
export function clearCachedInstances(): void {
	cachedInstances.clear();
}

function isRefusal(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	return error.httpCode === '401' || error.httpCode === '403';
}

/**
 * Runs `use` with the instance (token included), read from the cache when a fresh copy is
 * there. If `use` fails with 401 or 403 on a cached copy — the token was revoked, the instance
 * disabled or deleted — the copy is dropped, the instance read again and `use` run once more
 * with it. `use` must leave nothing half done when it throws (a poll moves nothing until it
 * has read everything).
 */
export async function withInstance<T>(
	this: CloudElementsContext,
	instanceId: string,
	use: (instance: InstanceRecord) => Promise<T>,
	timeoutMs?: number,
): Promise<T> {
	const key = await cacheKey.call(this, instanceId);
	const cached = cachedInstances.get(key);
	if (cached !== undefined && cached.expiresAt > Date.now()) {
		const outcome = await settle(async () => await use(cached.instance));
		if (outcome.ok) return outcome.value;
		if (!isRefusal(outcome.error)) throw outcome.error;
		cachedInstances.delete(key);
	}
	const instance = await readInstance.call(this, instanceId, timeoutMs);
	cachedInstances.delete(key);
	if (cachedInstances.size >= MAX_CACHED_INSTANCES) {
		const now = Date.now();
		for (const [k, entry] of cachedInstances) if (entry.expiresAt <= now) cachedInstances.delete(k);
		if (cachedInstances.size >= MAX_CACHED_INSTANCES) cachedInstances.delete(cachedInstances.keys().next().value as string);
	}
	cachedInstances.set(key, { instance, expiresAt: Date.now() + INSTANCE_TTL_MS });
	const outcome = await settle(async () => await use(instance));
	if (outcome.ok) return outcome.value;
	// A fresh copy that is refused is not worth keeping either.
	if (isRefusal(outcome.error)) cachedInstances.delete(key);
	throw outcome.error;
}
