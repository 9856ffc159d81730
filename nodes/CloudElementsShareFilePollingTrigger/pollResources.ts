import { NodeOperationError } from 'n8n-workflow';
import type { IPollFunctions } from 'n8n-workflow';

import { findPollConfigurationProblems } from '../engine/pollConfigurationProblems';
import type { PollerConfiguration } from '../engine/pollResource';
import { pollerConfigurationFromForm, type PollResourceForm } from '../engine/pollResourceForm';
import type { InstanceRecord } from '../cloudElements/instances/instanceToken';

/**
 * The resources this trigger polls: the form's, or the instance's own
 * `event.poller.configuration`. Checked before any poll request, so a mistake is named instead
 * of silently reporting nothing.
 */
export function pollResourcesFor(this: IPollFunctions, instance: InstanceRecord): PollerConfiguration {
	const source = this.getNodeParameter('resourceSource', 'form') as string;
	let configuration: PollerConfiguration;
	if (source === 'instance') {
		const stored = instance.configuration?.['event.poller.configuration'];
		if (!stored) {
			throw new NodeOperationError(
				this.getNode(),
				`Instance ${instance.id} has no event.poller.configuration`,
				{ description: 'Choose "Configure Here" under Resources to Poll, or set a poll configuration on the instance (Instance → Update).' },
			);
		}
		try {
			configuration = (typeof stored === 'string' ? JSON.parse(stored) : stored) as PollerConfiguration;
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`Instance ${instance.id}'s event.poller.configuration is not valid JSON`,
				{ description: `${(error as Error).message}. Fix it with Instance → Update, or choose "Configure Here".` },
			);
		}
	} else {
		const rows = this.getNodeParameter('pollResources.resource', []) as PollResourceForm[];
		configuration = pollerConfigurationFromForm(rows);
	}
	const errors = findPollConfigurationProblems(configuration).filter(
		(problem) => problem.severity === 'error',
	);
	if (errors.length > 0) {
		throw new NodeOperationError(this.getNode(), errors[0].message, {
			description: errors.map((problem) => `- ${problem.message}`).join('\n'),
		});
	}
	return configuration;
}
