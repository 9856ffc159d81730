import { createHmac } from 'crypto';

/**
 * An instance has a single callback. The trigger registers n8n's webhook URL with two query
 * parameters of its own: a fresh random nonce, from which the signature key is derived with the
 * credential's secrets, and the registration it replaced. So whoever deactivates — the
 * production workflow or an editor test session — can put back exactly what was there, key
 * included, without any secret stored outside the credential.
 */
export const NONCE_PARAMETER = 'n8n_sig';
/** The nonce value that says the key is the credential's own Event Signature Key. */
export const CREDENTIAL_KEY_NONCE = 'credential';
export const PREVIOUS_PARAMETER = 'n8n_prev';

export interface Registration {
	callbackUrl: string;
	enabled: boolean;
	vendorType: string;
}

/** The callback URL without its query: what identifies the webhook that owns it. */
export function callbackTarget(url: string | undefined): string {
	if (!url) return '';
	const query = url.indexOf('?');
	return (query === -1 ? url : url.slice(0, query)).replace(/\/+$/, '');
}

export function registeredCallbackUrl(webhookUrl: string, nonce: string, previous: Registration): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(NONCE_PARAMETER, nonce);
	return withPreviousRegistration(url.toString(), previous);
}

/** A callback URL that also carries the registration it replaced, for whoever puts it back. */
export function withPreviousRegistration(callbackUrl: string, previous: Registration): string {
	const url = new URL(callbackUrl);
	url.searchParams.set(
		PREVIOUS_PARAMETER,
		Buffer.from(JSON.stringify([previous.callbackUrl, previous.enabled ? 1 : 0, previous.vendorType])).toString(
			'base64url',
		),
	);
	return url.toString();
}

function queryOf(url: string): URLSearchParams | undefined {
	try {
		return new URL(url).searchParams;
	} catch {
		return undefined;
	}
}

export function nonceOf(callbackUrl: string | undefined): string | undefined {
	return callbackUrl ? (queryOf(callbackUrl)?.get(NONCE_PARAMETER) ?? undefined) : undefined;
}

/** The registration a trigger's callback URL replaced, or undefined if it is not one of ours. */
export function previousRegistrationOf(callbackUrl: string | undefined): Registration | undefined {
	const encoded = callbackUrl ? queryOf(callbackUrl)?.get(PREVIOUS_PARAMETER) : undefined;
	if (!encoded) return undefined;
	try {
		const [url, enabled, vendorType] = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as [
			string,
			number,
			string,
		];
		return { callbackUrl: String(url ?? ''), enabled: enabled === 1, vendorType: String(vendorType ?? '') };
	} catch {
		return undefined;
	}
}

/**
 * Keys derived lately, by nonce and secrets: every delivery needs its registration's key, and
 * deriving it is an HMAC. Process memory only (where the credential's secrets are anyway), a
 * few dozen entries.
 */
const derivedKeys = new Map<string, { secrets: string[]; key: string }>();
const MAX_DERIVED_KEYS = 64;

/**
 * The signature key of one registration: HMAC-SHA256 of the nonce under the credential's
 * secrets. The nonce is 32 random bytes, new on every activation, so the key is too.
 */
export function derivedSignatureKey(secrets: string[], nonce: string): string {
	const known = derivedKeys.get(nonce);
	if (known !== undefined && known.secrets.length === secrets.length && known.secrets.every((secret, i) => secret === secrets[i])) {
		return known.key;
	}
	// A string key is HMAC'd as its UTF-8 bytes, as Buffer.from(secret, 'utf8') would be.
	const key = createHmac('sha256', secrets.join('\n')).update(`cloud-elements-sharefile-trigger:${nonce}`).digest('base64');
	if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.delete(derivedKeys.keys().next().value as string);
	derivedKeys.set(nonce, { secrets: secrets.slice(), key });
	return key;
}

