import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the trigger worked out lately from its credential (signature keys, URL secrets), per
 * workflow, node and what it was worked out for, in this process's memory only (never in static
 * data): every delivery needs it, and n8n reads and decrypts the credential from its database
 * each time it is asked for it — most of a delivery's cost. An entry lives SIGNATURE_KEY_TTL_MS,
 * so a changed credential counts within minutes; `fresh` works it out again now (a key that
 * stopped matching may have been rotated).
 */
export const SIGNATURE_KEY_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 256;
const remembered = new Map<string, { value: string | undefined; expiresAt: number }>();

export async function rememberedForTrigger(
	this: IHookFunctions | IWebhookFunctions,
	what: string,
	workOut: () => Promise<string | undefined>,
	{ fresh = false }: { fresh?: boolean } = {},
): Promise<string | undefined> {
	const node = this.getNode();
	const memo = `${this.getWorkflow().id ?? ''}\n${node.id ?? node.name}\n${what}`;
	const known = remembered.get(memo);
	if (!fresh && known !== undefined && known.expiresAt > Date.now()) return known.value;
	const value = await workOut();
	remembered.delete(memo);
	if (remembered.size >= MAX_ENTRIES) remembered.delete(remembered.keys().next().value as string);
	remembered.set(memo, { value, expiresAt: Date.now() + SIGNATURE_KEY_TTL_MS });
	return value;
}
