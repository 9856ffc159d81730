import type { INodeProperties } from 'n8n-workflow';

/**
 * A resource locator for a trigger: the same modes without their regex checks. n8n runs a
 * locator's regex check before every execution, in a sandbox (its safe-regex runs each test in
 * a vm context with a timeout), about 0.6 ms a time: the largest cost a delivery adds in n8n.
 * The triggers check the value themselves on activation and on every poll, with the same kind
 * of message.
 */
export function triggerLocator(locator: INodeProperties): INodeProperties {
	return { ...locator, modes: locator.modes?.map((mode) => ({ ...mode, validation: undefined })) };
}
