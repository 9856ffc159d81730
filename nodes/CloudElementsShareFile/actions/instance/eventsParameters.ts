import { randomBytes } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eventsConfigurationKeys, type EventsMode } from '../../../engine/eventsConfiguration';
import {
	findPollConfigurationProblems,
	findRefreshIntervalProblem,
	type ConfigurationProblem,
} from '../../../engine/pollConfigurationProblems';
import type { PollerConfiguration } from '../../../engine/pollResource';
import {
	pollerConfigurationFromForm,
	type PollResourceForm,
} from '../../../engine/pollResourceForm';

/** The events part of the form as configuration keys, or undefined for "Don't Change". */
export function eventsConfigurationParameter(
	this: IExecuteFunctions,
	itemIndex: number,
): IDataObject | undefined {
	const mode = this.getNodeParameter('events', itemIndex, 'off') as EventsMode | 'keep';
	if (mode === 'keep') return undefined;
	if (mode === 'off') return eventsConfigurationKeys({ mode }) as IDataObject;

	const callbackUrl = String(this.getNodeParameter('callbackUrl', itemIndex, '')).trim();
	const keyMode = this.getNodeParameter('signatureKeyMode', itemIndex, 'none') as string;
	let signatureKey: string | undefined;
	if (keyMode === 'none') signatureKey = '';
	if (keyMode === 'generate') signatureKey = randomBytes(32).toString('base64');
	if (keyMode === 'custom') {
		signatureKey = String(this.getNodeParameter('signatureKey', itemIndex, ''));
		if (!signatureKey) {
			throw new NodeOperationError(this.getNode(), 'Signature Key Value is empty', {
				description: 'Enter the key Cloud Elements should sign deliveries with, or choose "Generate One".',
				itemIndex,
			});
		}
	}
	const settings = {
		mode,
		callbackUrl: callbackUrl || undefined,
		signatureKey: keyMode === 'none' ? undefined : signatureKey,
		refreshIntervalMinutes: undefined as number | undefined,
		pollerConfiguration: undefined as PollerConfiguration | undefined,
	};
	if (mode === 'polling') {
		settings.refreshIntervalMinutes = this.getNodeParameter('refreshInterval', itemIndex, 15) as number;
		const rows = this.getNodeParameter('pollResources.resource', itemIndex, []) as PollResourceForm[];
		settings.pollerConfiguration = pollerConfigurationFromForm(rows);
	}
	return eventsConfigurationKeys(settings) as IDataObject;
}

function pollerConfigurationOf(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): PollerConfiguration | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object') return value as PollerConfiguration;
	try {
		return JSON.parse(String(value)) as PollerConfiguration;
	} catch (error) {
		throw new NodeOperationError(this.getNode(), 'event.poller.configuration is not valid JSON', {
			description: `${(error as Error).message}. Give it as a JSON object keyed by resource name.`,
			itemIndex,
		});
	}
}

/**
 * Checks the configuration about to be sent (form and raw JSON merged). Errors stop the
 * request with every finding listed; warnings are returned for the output and the hints.
 */
export function checkInstanceConfiguration(
	this: IExecuteFunctions,
	configuration: IDataObject,
	itemIndex: number,
	isNewInstance: boolean,
): string[] {
	const problems: ConfigurationProblem[] = [];
	const enabled = String(configuration['event.notification.enabled'] ?? 'false') === 'true';
	const vendor = String(configuration['event.vendor.type'] ?? '');
	const callbackUrl = configuration['event.notification.callback.url'];
	if (callbackUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(String(callbackUrl))) {
		problems.push({
			field: 'Callback URL',
			message: `Callback URL "${String(callbackUrl)}" is not an http(s) URL; enter the full address Cloud Elements should POST events to`,
			severity: 'error',
		});
	}
	if (enabled && isNewInstance && !callbackUrl) {
		problems.push({
			field: 'Callback URL',
			message: 'Callback URL is empty; events need an address to be delivered to',
			severity: 'error',
		});
	}
	if (enabled && vendor && !['polling', 'webhook', 'webhooks'].includes(vendor)) {
		problems.push({
			field: 'event.vendor.type',
			message: `event.vendor.type "${vendor}" is neither polling nor webhook`,
			severity: 'error',
		});
	}
	if (configuration['event.poller.refresh_interval'] !== undefined) {
		const problem = findRefreshIntervalProblem(configuration['event.poller.refresh_interval']);
		if (problem) problems.push(problem);
	}
	const poller = pollerConfigurationOf.call(this, configuration['event.poller.configuration'], itemIndex);
	if (poller) problems.push(...findPollConfigurationProblems(poller));
	else if (enabled && vendor === 'polling' && isNewInstance && !configuration['event.poller.urls']) {
		problems.push({
			field: 'Poll Resources',
			message: 'Polling needs at least one resource to poll; add one (e.g. documents)',
			severity: 'error',
		});
	}

	const errors = problems.filter((problem) => problem.severity === 'error');
	if (errors.length > 0) {
		throw new NodeOperationError(this.getNode(), errors[0].message, {
			description:
				errors.length > 1
					? `All problems found:\n${errors.map((problem) => `- ${problem.message}`).join('\n')}`
					: `Fix ${errors[0].field} and run again.`,
			itemIndex,
		});
	}
	return problems.filter((problem) => problem.severity === 'warning').map((problem) => problem.message);
}

/** Configuration warnings travel with the output item and show as hints in the editor. */
export function withWarnings(
	this: IExecuteFunctions,
	json: IDataObject,
	warnings: string[],
): IDataObject {
	if (warnings.length === 0) return json;
	this.addExecutionHints(...warnings.map((message) => ({ message, type: 'warning' as const })));
	return { ...json, warnings };
}
