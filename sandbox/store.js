// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * @typedef {{ id: number, key: string, propertyValue: string | null }} ConfigurationRecord
 * @typedef {'NEW' | 'RECEIVED' | 'DISPATCHED' | 'CONSUMED' | 'NOTIFIED' | 'FAILED' | 'QUEUED'} EventStatus
 * @typedef {{ id: number, instanceId: number, eventDate: string, status: EventStatus,
 *   providerData: unknown, notifiedData: unknown, topic?: string, acknowledged?: boolean,
 *   subscriptions?: SubscriptionStatus[] }} StoredEvent
 *   `topic` marks an event the engine published (a notification on the instance's topic, its id the
 *   notification's id); `acknowledged` is that notification's flag. Neither shows in the events API.
 *   `subscriptions` (only on events the engine published): each subscription that got a delivery
 *   of it, in the order they were made, with that delivery's status; `status` sums them up
 *   (delivery-status.js).
 * @typedef {{ subscriptionId: number, address: string, status: EventStatus }} SubscriptionStatus
 *   One subscription's status of a stored event. `address`: the URL the delivery was made for
 *   (its `config.url`) without its query, fragment or password: where it went, never a secret.
 * @typedef {{
 *   id: number, name: string, token: string, tags: string[], disabled: boolean,
 *   createdDate: string, updatedDate: string,
 *   configuration: ConfigurationRecord[],
 *   events: StoredEvent[],
 *   sharefile: ShareFileAccount,
 *   deliveries: unknown[],
 *   notifications?: import('./event-engine').NotificationState | null,
 * }} InstanceRecord
 * @typedef {string | { base64: string } | { blob: string }} StoredContent a file's bytes: UTF-8 text, base64 when
 *   they are not UTF-8, or the name of a blob file (large contents, see blob-store.js)
 * @typedef {{ items: Record<string, Record<string, any>>, contents: Record<string, StoredContent>,
 *   extras: Record<string, import('./documents').ItemExtras>, shares: Record<string, import('./document-shares').Share>,
 *   rootId?: string }} ShareFileAccount
 * @typedef {{ code: string, clientId: string, redirectUri: string, issuedAt: string, expiresAt: string }} GrantCode
 * @typedef {import('./sharefile-api/grants').ShareFileApiState} ShareFileApiState
 * @typedef {{
 *   schema: number,
 *   nextIds: { instance: number, configuration: number, event: number, delivery: number, subscription: number, webhookDelivery: number },
 *   instances: InstanceRecord[],
 *   grantCodes: GrantCode[],
 *   accountSettings: Record<string, string>,
 *   shareFileApi: ShareFileApiState,
 *   subscriptions: import('./subscriptions').Subscription[],
 *   notifications: import('./notifications').PostedNotification[],
 *   deliveries: import('./deliveries').Delivery[],
 * }} SandboxState
 *   `accountSettings`: the account's settings (`PATCH /accounts/settings`), e.g. the webhook failure policy.
 *   `shareFileApi`: ShareFile's own OAuth (sharefile-api/): registered clients, grant codes, token grants.
 *   `subscriptions`: the account's notification subscriptions; `notifications` those posted with
 *   `POST /notifications` (an instance's own are its stored events) and `deliveries` theirs (an
 *   instance event's deliveries stay with the instance).
 */

const SCHEMA = 1;

/**
 * Each kind of id starts in its own range, so a client that passes an instance id where a
 * configuration or event id belongs gets a 404 instead of silently touching something else.
 * @returns {SandboxState}
 */
function emptyState() {
	return {
		schema: SCHEMA,
		nextIds: { instance: 4201, configuration: 90001, event: 700001, delivery: 800001, subscription: 500001, webhookDelivery: 9000001 },
		instances: [],
		grantCodes: [],
		accountSettings: {},
		shareFileApi: { clients: [], codes: [], grants: [], webhookSubscriptions: [], webhookClients: [], webhookDeliveries: [] },
		subscriptions: [],
		notifications: [],
		deliveries: [],
	};
}

/**
 * Per-instance parts that later features fill (the emulated ShareFile account, deliveries to the
 * callback URL) are created here too, so state files written before those features still load.
 * @param {Partial<InstanceRecord>} record
 * @returns {InstanceRecord}
 */
function completeInstance(record) {
	return /** @type {InstanceRecord} */ ({
		tags: [],
		disabled: false,
		configuration: [],
		events: [],
		...record,
		sharefile: { items: {}, contents: {}, extras: {}, shares: {}, ...(record.sharefile || {}) },
		deliveries: record.deliveries || [],
		notifications: record.notifications || null,
	});
}

/** @param {string} file @returns {SandboxState} */
function load(file) {
	if (!fs.existsSync(file)) return emptyState();
	const text = fs.readFileSync(file, 'utf8');
	/** @type {Partial<SandboxState>} */
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		// Starting empty would overwrite someone's data at the first write: refuse instead.
		throw new Error(`The sandbox data file ${file} is not valid JSON (${String(error)}); move it away or fix it.`);
	}
	if (parsed.schema !== SCHEMA) {
		throw new Error(`The sandbox data file ${file} has schema ${String(parsed.schema)}; this sandbox reads schema ${SCHEMA}.`);
	}
	const empty = emptyState();
	return {
		schema: SCHEMA,
		nextIds: { ...empty.nextIds, ...(parsed.nextIds || {}) },
		instances: (parsed.instances || []).map(completeInstance),
		grantCodes: parsed.grantCodes || [],
		accountSettings: parsed.accountSettings || {},
		shareFileApi: { ...empty.shareFileApi, ...(parsed.shareFileApi || {}) },
		subscriptions: parsed.subscriptions || [],
		notifications: parsed.notifications || [],
		deliveries: parsed.deliveries || [],
	};
}

/** Temp file + rename: a crash mid-write leaves the old state, never half a file. */
function save(/** @type {string} */ file, /** @type {SandboxState} */ state) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const temp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(temp, JSON.stringify(state, null, 2));
	fs.renameSync(temp, file);
}

/** How long a burst of document changes or deliveries may go unsaved. */
const SOON_MS = 200;

/**
 * Holds the sandbox's state and writes it to the data file (when there is one) after each mutation.
 * Writes are synchronous: the sandbox is single-threaded, so each saved file is a consistent snapshot.
 * Platform changes (instances, codes) are written at once; high-volume changes (documents, events,
 * deliveries: tests make thousands) use `commitSoon`, which writes at most once per SOON_MS.
 * @param {{ dataFile?: string }} options
 */
function createStore(options) {
	const dataFile = options.dataFile ? path.resolve(options.dataFile) : undefined;
	let state = dataFile ? load(dataFile) : emptyState();
	/** @type {NodeJS.Timeout | undefined} */
	let pending;

	/** Call after every change to `state`. */
	function commit() {
		if (pending) clearTimeout(pending);
		pending = undefined;
		if (dataFile) save(dataFile, state);
	}

	/** Call after a change that may come thousands at a time; the write follows within SOON_MS. */
	function commitSoon() {
		if (!dataFile || pending) return;
		// Unref'd: a pending write never keeps the process alive; close() flushes it.
		pending = setTimeout(commit, SOON_MS).unref();
	}

	/** Writes a pending change now (on close). */
	function flush() {
		if (pending) commit();
	}

	return {
		dataFile,
		get state() {
			return state;
		},
		commit,
		commitSoon,
		flush,
		reset() {
			state = emptyState();
			commit();
		},
		/** @param {keyof SandboxState['nextIds']} kind */
		nextId(kind) {
			const id = state.nextIds[kind];
			state.nextIds[kind] = id + 1;
			return id;
		},
	};
}

/** @typedef {ReturnType<typeof createStore>} Store */

module.exports = { createStore, completeInstance, emptyState };
