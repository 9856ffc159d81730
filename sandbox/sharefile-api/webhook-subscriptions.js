// @ts-check
'use strict';

const crypto = require('node:crypto');
const { badRequest, notFound, CeError } = require('../errors');
const { isFolder } = require('../sharefile-items');
const { field, itemById } = require('./items');

/**
 * ShareFile's `WebhookSubscriptions` entity (SHAREFILE_API.md §3.1): create, list (the current
 * user's), read, delete. Kept in the state file (`shareFileApi.webhookSubscriptions`).
 * @typedef {{ ResourceType: string, OperationName: string }} SubscribedEvent
 * @typedef {{ Id: string, instanceId: number, clientId: string, WebhookUrl: string,
 *   SubscriptionContext: { ResourceType: 'Folder' | 'Account', ResourceId: string | null },
 *   Events: SubscribedEvent[], createdDate: string }} WebhookSubscription
 *   `instanceId`: the account; `clientId`: the OAuth client whose token made it, whose keys sign its
 *   deliveries (§3.4).
 * @typedef {import('./items').ApiContext} ApiContext
 * @typedef {import('./items').ApiRoute} ApiRoute
 */

/** The events each context may name (CONFIRMED §3.1, [S11]). */
const CONTEXT_EVENTS = /** @type {Record<'Folder' | 'Account', Record<string, string[]>>} */ ({
	Folder: { File: ['Upload', 'Update', 'Download', 'Delete'], Folder: ['Delete'] },
	Account: {
		File: ['Upload', 'Delete', 'Download', 'Update'],
		Folder: ['Delete'],
		User: ['Update', 'Create', 'Delete'],
		Account: ['Create', 'Delete', 'Update', 'UpgradeToPaid'],
	},
});

/** A name as ShareFile spells it, matched in any case (INFERRED, as keys are). @param {string[]} names @param {unknown} text */
const spelled = (names, text) => (typeof text === 'string' ? names.find((name) => name.toLowerCase() === text.toLowerCase()) : undefined);

/** @param {unknown} text */
function isHttpUrl(text) {
	if (typeof text !== 'string') return false;
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * The events of a create body, each checked against the context's table, spelled as ShareFile
 * spells them, duplicates once.
 * @param {unknown} events @param {'Folder' | 'Account'} context
 * @returns {SubscribedEvent[]}
 */
function readEvents(events, context) {
	if (!Array.isArray(events) || events.length === 0) throw badRequest("'Events' must be a non-empty array of { ResourceType, OperationName }.");
	const table = CONTEXT_EVENTS[context];
	/** @type {SubscribedEvent[]} */
	const read = [];
	events.forEach((event, index) => {
		const resourceType = spelled(Object.keys(table), field(event, 'ResourceType'));
		const operationName = resourceType ? spelled(table[resourceType], field(event, 'OperationName')) : undefined;
		if (!resourceType || !operationName) {
			const allowed = Object.entries(table).flatMap(([type, operations]) => operations.map((operation) => `${type} ${operation}`));
			throw badRequest(`Events[${index}] is not an event of the ${context} context; it has: ${allowed.join(', ')}.`);
		}
		if (!read.some((seen) => seen.ResourceType === resourceType && seen.OperationName === operationName)) read.push({ ResourceType: resourceType, OperationName: operationName });
	});
	return read;
}

/**
 * @param {{ store: import('../store').Store, now: () => number, isAdministrator: () => boolean,
 *   onCreated: (subscription: WebhookSubscription) => void, onDeleted: (subscription: WebhookSubscription) => void }} deps
 */
function createWebhookSubscriptions({ store, now, isAdministrator, onCreated, onDeleted }) {
	const all = () => /** @type {WebhookSubscription[]} */ (store.state.shareFileApi.webhookSubscriptions);

	/** @param {ApiContext} ctx @param {WebhookSubscription} subscription */
	function view(ctx, subscription) {
		const { Id, WebhookUrl, SubscriptionContext, Events } = subscription;
		return {
			'odata.metadata': `${ctx.apiBase}/$metadata#WebhookSubscriptions/ShareFile.Api.Models.WebhookSubscription@Element`,
			'odata.type': 'ShareFile.Api.Models.WebhookSubscription',
			Id,
			WebhookUrl,
			SubscriptionContext: { ...SubscriptionContext },
			Events: Events.map((event) => ({ ...event })),
			url: `${ctx.apiBase}/WebhookSubscriptions(${Id})`,
		};
	}

	/** One of the caller's account; another account's is a 404 as an unknown one. @param {ApiContext} ctx */
	function requireOwn(ctx) {
		const subscription = all().find((candidate) => candidate.Id === ctx.id && candidate.instanceId === ctx.account.instance.id);
		if (!subscription) throw notFound(`No webhook subscription '${ctx.id}'.`);
		return subscription;
	}

	/**
	 * `POST WebhookSubscriptions` with `{ SubscriptionContext: { ResourceType, ResourceId }, WebhookUrl,
	 * Events: [{ ResourceType, OperationName }] }` (CONFIRMED §3.1). A Folder context names an existing
	 * folder (`top`/`home` allowed, stored as its Id); an Account context needs an administrator
	 * (CONFIRMED: MasterAdmin; the sandbox's user is one unless the control says not).
	 * @param {ApiContext} ctx
	 */
	function create(ctx) {
		const body = ctx.body;
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
		const context = field(body, 'SubscriptionContext');
		const contextType = /** @type {'Folder' | 'Account' | undefined} */ (spelled(Object.keys(CONTEXT_EVENTS), field(context, 'ResourceType')));
		if (!contextType) throw badRequest("'SubscriptionContext.ResourceType' must be 'Folder' or 'Account' (the contexts the sandbox emulates).");
		/** @type {string | null} */
		let resourceId = null;
		if (contextType === 'Folder') {
			const given = field(context, 'ResourceId');
			if (typeof given !== 'string' || given === '') throw badRequest("'SubscriptionContext.ResourceId' is required for a Folder context: the folder's Id.");
			const folder = itemById(ctx.account, given);
			if (!isFolder(folder)) throw badRequest(`'${given}' is a file; a Folder context needs a folder.`);
			resourceId = folder.Id;
		} else if (!isAdministrator()) {
			throw new CeError(403, 'An Account context needs an administrator of the account (MasterAdmin).');
		}
		const webhookUrl = field(body, 'WebhookUrl');
		if (!isHttpUrl(webhookUrl)) throw badRequest("'WebhookUrl' must be an absolute http(s) URL.");
		/** @type {WebhookSubscription} */
		const subscription = {
			Id: crypto.randomUUID(),
			instanceId: ctx.account.instance.id,
			clientId: ctx.clientId,
			WebhookUrl: /** @type {string} */ (webhookUrl),
			SubscriptionContext: { ResourceType: contextType, ResourceId: resourceId },
			Events: readEvents(field(body, 'Events'), contextType),
			createdDate: new Date(now()).toISOString(),
		};
		all().push(subscription);
		store.commit();
		onCreated(subscription);
		return { status: 200, body: view(ctx, subscription) };
	}

	/** `GET WebhookSubscriptions`: the current user's (the account's: one user), oldest first. @param {ApiContext} ctx */
	function list(ctx) {
		const mine = all().filter((subscription) => subscription.instanceId === ctx.account.instance.id);
		return {
			status: 200,
			body: { 'odata.metadata': `${ctx.apiBase}/$metadata#WebhookSubscriptions`, 'odata.count': mine.length, value: mine.map((subscription) => view(ctx, subscription)) },
		};
	}

	/** `DELETE WebhookSubscriptions(id)` → 204 (CONFIRMED); nothing more is sent for it. @param {ApiContext} ctx */
	function remove(ctx) {
		const subscription = requireOwn(ctx);
		all().splice(all().indexOf(subscription), 1);
		store.commit();
		onDeleted(subscription);
		return { status: 204 };
	}

	/**
	 * The subscriptions of an account that hear an event, in creation order. `folderIds`: the folders
	 * the change is in (the item's parent chain, for a move the old one's too; for a folder delete the
	 * folder itself first). INFERRED: a Folder context covers the folder and everything below it.
	 * @param {number} instanceId @param {Set<string>} folderIds @param {SubscribedEvent} event
	 */
	function listening(instanceId, folderIds, event) {
		return all().filter(
			(subscription) =>
				subscription.instanceId === instanceId &&
				(subscription.SubscriptionContext.ResourceType === 'Account' || folderIds.has(/** @type {string} */ (subscription.SubscriptionContext.ResourceId))) &&
				subscription.Events.some((wanted) => wanted.ResourceType === event.ResourceType && wanted.OperationName === event.OperationName),
		);
	}

	/** @type {ApiRoute[]} */
	const routes = [
		{ method: 'POST', navigation: '', withId: false, withoutId: true, handler: create },
		{ method: 'GET', navigation: '', withId: false, withoutId: true, handler: list },
		{ method: 'GET', navigation: '', withId: true, withoutId: false, handler: (ctx) => ({ status: 200, body: view(ctx, requireOwn(ctx)) }) },
		{ method: 'DELETE', navigation: '', withId: true, withoutId: false, handler: remove },
	];

	return { routes, listening, all, byId: (/** @type {string} */ id) => all().find((subscription) => subscription.Id === id) };
}

/** @typedef {ReturnType<typeof createWebhookSubscriptions>} WebhookSubscriptions */

module.exports = { createWebhookSubscriptions, CONTEXT_EVENTS };
