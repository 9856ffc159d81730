// @ts-check
'use strict';

const { badRequest } = require('../errors');
const { json } = require('../http-io');
const { createHttpClient } = require('../http-client');
const { operationName, webhookBody } = require('../webhook-vendor');
const { isFolder, fullPathOf } = require('../sharefile-items');
const { accountIdOf } = require('./accounts');
const { createWebhookClients } = require('./webhook-clients');
const { createWebhookSubscriptions } = require('./webhook-subscriptions');
const { createWebhookDeliveries, eventsOf, DEFAULT_ATTEMPT_TIMEOUT_MS } = require('./webhook-deliveries');

/**
 * ShareFile's own webhooks (SHAREFILE_API.md §3): `WebhookSubscriptions`, `WebhookClients` keys,
 * and the signed deliveries of every change in an account, whoever made it (ShareFile's API, the
 * Cloud Elements hub, the placing control, the sandbox page). Beside Cloud Elements' event engine,
 * which hears the same changes on its own (event-engine.js).
 * @typedef {{ administrator: boolean, attemptTimeoutMs: number }} WebhookSettings
 *   `administrator`: whether the sandbox's user may make Account-context subscriptions (INFERRED:
 *   one user per account, an administrator unless this says not).
 */

const defaultSettings = () => ({ administrator: true, attemptTimeoutMs: DEFAULT_ATTEMPT_TIMEOUT_MS });

/**
 * What a native subscriber hears of a change: ShareFile's operation for it (webhook-vendor.js), with
 * a file move as an Update (INFERRED: no Move event exists in the subscription table, §3.1, so a
 * subscriber could not ask for one; Cloud Elements' vendor keeps its `Move`); a file's tags or
 * Description changed is an Update there as here. Folder create, rename, move and metadata: nothing.
 * @param {import('../documents').DocumentChange} change
 */
function nativeOperation(change) {
	const name = operationName(change);
	return name === 'Move' ? 'Update' : name;
}

/**
 * The folders a change is in, for Folder contexts: the item's parent chain, the old parent's too for
 * a move, and a deleted folder itself (its own context hears its Delete).
 * @param {import('../documents').DocumentChange} change
 */
function foldersOf(change) {
	const items = change.instance.sharefile.items;
	/** @type {Set<string>} */
	const folders = new Set();
	/** @param {string | null | undefined} id */
	const climb = (id) => {
		for (let at = id; at && !folders.has(at); at = items[at]?.Parent?.Id) folders.add(at);
	};
	if (isFolder(change.item)) folders.add(change.item.Id);
	climb(change.item.Parent?.Id);
	climb(change.previousParentId);
	return folders;
}

/**
 * @param {{ store: import('../store').Store, now: () => number, timeScale: number,
 *   clients: import('./clients').Clients,
 *   activity: ReturnType<typeof import('../activity').createActivity> }} deps
 */
function createWebhooks({ store, now, timeScale, clients, activity }) {
	/** @type {WebhookSettings} */
	let settings = defaultSettings();
	const client = createHttpClient();
	const keys = createWebhookClients({ store, clients });
	const instanceOf = (/** @type {number} */ id) => store.state.instances.find((instance) => instance.id === id) || null;
	const deliveries = createWebhookDeliveries({
		store,
		now,
		timeScale,
		client,
		keysOf: keys.keysOf,
		subscriptionExists: (id) => subscriptions.byId(id) !== undefined,
		attemptTimeoutMs: () => settings.attemptTimeoutMs,
		onChange: (delivery, events) => activity.delivery(instanceOf(delivery.instanceId), /** @type {any} */ (delivery), /** @type {any} */ (events)),
	});
	const subscriptions = createWebhookSubscriptions({
		store,
		now,
		isAdministrator: () => settings.administrator,
		onCreated: () => activity.subscriptionsChanged(),
		onDeleted: (subscription) => {
			deliveries.forgetSubscription(subscription.Id);
			activity.subscriptionsChanged();
		},
	});
	let stopped = true;

	/** A change in an account: one delivery per subscription that covers it and asked for its event. @param {import('../documents').DocumentChange} change */
	function documentChanged(change) {
		const name = nativeOperation(change);
		if (stopped || !name) return;
		const event = { ResourceType: isFolder(change.item) ? 'Folder' : 'File', OperationName: name };
		for (const subscription of subscriptions.listening(change.instance.id, foldersOf(change), event)) {
			deliveries.deliver(subscription, webhookBody(change, { webhookSubscriptionId: subscription.Id, accountId: accountIdOf(change.instance), operationName: name }));
		}
	}

	/**
	 * A subscription as the controls and the page show it: the stored one, its Folder context's path
	 * (null once the folder is gone), and its deliveries by status.
	 * @param {import('./webhook-subscriptions').WebhookSubscription} subscription
	 */
	function summary(subscription) {
		const items = instanceOf(subscription.instanceId)?.sharefile.items || {};
		const folder = subscription.SubscriptionContext.ResourceId ? items[subscription.SubscriptionContext.ResourceId] : undefined;
		/** @type {Record<string, number>} */
		const counts = {};
		for (const delivery of deliveries.all()) if (delivery.subscriptionId === subscription.Id) counts[delivery.status] = (counts[delivery.status] || 0) + 1;
		return { ...subscription, folderPath: folder ? fullPathOf(folder) : null, deliveries: counts };
	}

	/** `PUT /_sandbox/sharefile/webhooks/settings`: `{ administrator?, attemptTimeoutMs? }`. @param {unknown} body */
	function setSettings(body) {
		const input = /** @type {Record<string, unknown>} */ (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
		if (input.administrator !== undefined && typeof input.administrator !== 'boolean') throw badRequest("'administrator' must be true or false.");
		if (input.attemptTimeoutMs !== undefined && (typeof input.attemptTimeoutMs !== 'number' || !(input.attemptTimeoutMs > 0))) throw badRequest("'attemptTimeoutMs' must be a number of milliseconds > 0.");
		settings = { ...settings, ...(/** @type {Partial<WebhookSettings>} */ (input)) };
		return { ...settings };
	}

	/** @type {import('../control-routes').ControlRoute[]} */
	const controlRoutes = [
		{ method: 'GET', pattern: '/sharefile/webhooks/subscriptions', handler: () => json(200, subscriptions.all().map(summary)) },
		{ method: 'GET', pattern: '/sharefile/webhooks/deliveries', handler: ({ query }) => json(200, deliveries.list(query)) },
		{ method: 'POST', pattern: '/sharefile/webhooks/flush', handler: async () => json(200, await deliveries.flush()) },
		{ method: 'POST', pattern: '/sharefile/webhooks/faults', handler: ({ body }) => json(200, deliveries.armFault(body)) },
		{ method: 'GET', pattern: '/sharefile/webhooks/faults', handler: () => json(200, deliveries.faults()) },
		{
			method: 'DELETE',
			pattern: '/sharefile/webhooks/faults',
			handler: () => {
				deliveries.clearFaults();
				return json(200, { ok: true });
			},
		},
		{ method: 'GET', pattern: '/sharefile/webhooks/settings', handler: () => json(200, { ...settings }) },
		{ method: 'PUT', pattern: '/sharefile/webhooks/settings', handler: ({ body }) => json(200, setSettings(body)) },
	];

	/** At start (and after a reset): the page's log shows the kept deliveries, unsettled ones go on. */
	function start() {
		stopped = false;
		for (const delivery of deliveries.all()) activity.delivery(instanceOf(delivery.instanceId), /** @type {any} */ (delivery), /** @type {any} */ (eventsOf(delivery)));
		deliveries.resume();
	}

	function stop() {
		stopped = true;
		deliveries.stop();
		client.abortAll();
	}

	/**
	 * An instance (a ShareFile account here) was deleted: its subscriptions and keys go with it, and
	 * nothing more is sent for it; its finished deliveries stay listed.
	 * @param {import('../store').InstanceRecord} instance
	 */
	function instanceDeleted(instance) {
		const state = store.state.shareFileApi;
		for (const subscription of state.webhookSubscriptions.filter((candidate) => candidate.instanceId === instance.id)) {
			state.webhookSubscriptions.splice(state.webhookSubscriptions.indexOf(subscription), 1);
			deliveries.forgetSubscription(subscription.Id);
		}
		state.webhookClients = state.webhookClients.filter((entry) => entry.instanceId !== instance.id);
		store.commitSoon();
	}

	return {
		routes: { WebhookSubscriptions: subscriptions.routes, WebhookClients: keys.routes },
		instanceDeleted,
		controlRoutes,
		documentChanged,
		start,
		stop,
		/** `POST /_sandbox/reset`: the state is gone already; timers, faults and settings go too. */
		reset() {
			stop();
			deliveries.clearFaults();
			settings = defaultSettings();
			start();
		},
		idle: deliveries.idle,
	};
}

module.exports = { createWebhooks };
