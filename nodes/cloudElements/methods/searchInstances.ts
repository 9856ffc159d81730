import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { cloudElementsBaseUrl, cloudElementsRequestAll, CREDENTIAL_TYPE } from '../transport';

interface InstanceSummary {
	id: number | string;
	name?: string;
	element?: { key?: string };
	disabled?: boolean;
	eventsEnabled?: boolean;
}

/** The ShareFile instances of the account, for the instance picker, each with its API URL (By URL). */
export async function searchInstances(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const instances = await cloudElementsRequestAll.call<
		ILoadOptionsFunctions,
		Parameters<typeof cloudElementsRequestAll>,
		Promise<InstanceSummary[]>
	>(this, { method: 'GET', path: '/instances' });
	const baseUrl = cloudElementsBaseUrl(await this.getCredentials(CREDENTIAL_TYPE));
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = instances
		.filter((instance) => (instance.element?.key ?? 'sharefile') === 'sharefile')
		.filter(
			(instance) =>
				!wanted ||
				String(instance.name ?? '').toLowerCase().includes(wanted) ||
				String(instance.id) === wanted,
		)
		.map((instance) => ({
			name: `${instance.name ?? 'Unnamed'} (#${instance.id}${instance.disabled ? ', disabled' : ''})`,
			value: String(instance.id),
			url: `${baseUrl}/instances/${instance.id}`,
		}));
	return { results };
}

/** The same instances as options, for a multi-select (a trigger on several instances). */
export async function listInstances(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchInstances.call(this);
	return results.map((result) => ({ name: result.name, value: result.value }));
}
