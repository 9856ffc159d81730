import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { instanceIdFrom, type InstanceRecord } from '../cloudElements/instances/instanceToken';
import { cloudElementsRequestAll } from '../cloudElements/transport';

type Context = IHookFunctions | IWebhookFunctions;

/** Which instances a trigger hears: one picked, several picked, or every instance with a tag. */
export type InstanceSource = 'one' | 'several' | 'tag';

export function instanceSource(this: Context): InstanceSource {
	if (this.getNodeParameter('registration', 'subscription') === 'callback') return 'one';
	const source = this.getNodeParameter('instanceSource', 'one');
	return source === 'several' || source === 'tag' ? source : 'one';
}

function instanceTag(this: Context): string {
	const tag = String(this.getNodeParameter('instanceTag', '') ?? '').trim();
	if (!tag) {
		throw new NodeOperationError(this.getNode(), 'Instance Tag is empty', {
			description: 'Enter the tag of the instances this workflow hears, e.g. client.',
		});
	}
	return tag;
}

/** The picked instances' IDs (none for a tag: those are looked up on activation). */
export function pickedInstanceIds(this: Context): string[] {
	const source = instanceSource.call(this);
	if (source === 'one') return [instanceIdFrom.call(this, this.getNodeParameter('instance', undefined, { extractValue: true }))];
	if (source === 'tag') return [];
	const picked = (this.getNodeParameter('instanceIds', []) as unknown[]).map((id) => instanceIdFrom.call(this, id));
	if (picked.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Instances is empty', { description: 'Pick the instances this workflow hears.' });
	}
	return [...new Set(picked)];
}

/**
 * The instances the trigger hears now: the picked ones, or every instance with the tag, read
 * again at each activation (an instance tagged since joins, one untagged leaves).
 */
export async function triggerInstanceIds(this: IHookFunctions): Promise<string[]> {
	if (instanceSource.call(this) !== 'tag') return pickedInstanceIds.call(this);
	const tag = instanceTag.call(this);
	const tagged = await cloudElementsRequestAll.call<IHookFunctions, Parameters<typeof cloudElementsRequestAll>, Promise<IDataObject[]>>(this, {
		method: 'GET',
		path: '/instances',
		qs: { 'tags[]': [tag] },
	});
	const ids = tagged.filter((instance) => ((instance.element as IDataObject | undefined)?.key ?? 'sharefile') === 'sharefile').map((instance) => String(instance.id));
	if (ids.length === 0) {
		throw new NodeOperationError(this.getNode(), `No ShareFile instance has the tag "${tag}"`, {
			description: 'Tag the instances this workflow hears in Cloud Elements (Instance → Update → Tags), or change Instance Tag.',
		});
	}
	return ids;
}

/** Whether a delivery's instance is one this trigger hears (for a tag: the instance has it now). */
export function hearsInstance(this: IWebhookFunctions, instance: InstanceRecord): boolean {
	const source = instanceSource.call(this);
	if (source === 'tag') return (instance.tags ?? []).includes(instanceTag.call(this));
	return pickedInstanceIds.call(this).includes(String(instance.id));
}
