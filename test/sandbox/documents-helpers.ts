import type { Sandbox } from '../../sandbox';
import { call, createInstance, type Answer } from './helpers';

/** A raw ShareFile item as the sandbox stores it and the poll endpoint returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawItem = Record<string, any>;

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const POLL_PATH = '/hubs/documents/events/poll/documents';

/** A hub call with the instance token. */
export function hub(sandbox: Sandbox, token: string, method: string, path: string, body?: unknown): Promise<Answer> {
	return call(sandbox, method, path, { element: token, body });
}

/** Places changes through the control endpoint (no auth). */
export function place(sandbox: Sandbox, instanceId: number, body: unknown): Promise<Answer> {
	return call(sandbox, 'POST', `/_sandbox/instances/${instanceId}/documents`, { body, auth: null });
}

/** Like place, but fails the test on anything but 200. */
export async function placeOk(sandbox: Sandbox, instanceId: number, body: unknown) {
	const answer = await place(sandbox, instanceId, body);
	if (answer.status !== 200) throw new Error(`placing changes failed: ${answer.status} ${answer.text}`);
	return answer.json;
}

export function poll(sandbox: Sandbox, token: string, where?: string, extra = ''): Promise<Answer> {
	const query = where === undefined ? '' : `where=${encodeURIComponent(where)}`;
	const joined = [query, extra].filter((part) => part !== '').join('&');
	return hub(sandbox, token, 'GET', `${POLL_PATH}${joined ? `?${joined}` : ''}`);
}

/** Follows elements-next-page-token until a short or empty page; returns the pages. */
export async function pollAllPages(sandbox: Sandbox, token: string, where: string, pageSize: number) {
	const pages: RawItem[][] = [];
	let extra = `pageSize=${pageSize}`;
	for (;;) {
		const answer = await poll(sandbox, token, where, extra);
		if (answer.status !== 200) throw new Error(`poll failed: ${answer.status} ${answer.text}`);
		pages.push(answer.json);
		if (answer.json.length < pageSize) return pages;
		extra = `nextPage=${encodeURIComponent(answer.headers.get('elements-next-page-token')!)}`;
	}
}

export async function documentsInstance(sandbox: Sandbox, overrides: Record<string, unknown> = {}, configuration: Record<string, unknown> = {}) {
	return createInstance(sandbox, overrides, configuration);
}

/** All raw items of an instance (root included), by full path. */
export async function allItems(sandbox: Sandbox, instanceId: number): Promise<RawItem[]> {
	return (await call(sandbox, 'GET', `/_sandbox/instances/${instanceId}/documents`, { auth: null })).json;
}

export async function itemAt(sandbox: Sandbox, instanceId: number, fullPath: string): Promise<RawItem | undefined> {
	const found = (await allItems(sandbox, instanceId)).filter((item) => (item.Parent === null ? '/top' : `${item.Path}/${item.Name}`) === fullPath);
	return found[0];
}

export const names = (list: RawItem[]) => list.map((item) => item.Name);
