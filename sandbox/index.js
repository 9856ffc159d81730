// @ts-check
'use strict';

const http = require('node:http');
const { createStore } = require('./store');
const { createClock } = require('./clock');
const { createDocuments } = require('./documents');
const { documentRoutes } = require('./document-routes');
const { documentShareRoutes } = require('./document-share-routes');
const { documentSearchRoutes } = require('./document-search-routes');
const { createBlobStore } = require('./blob-store');
const { createLinkSigner } = require('./signed-links');
const { createLogin } = require('./login');
const { createEventEngine } = require('./event-engine');
const { createHttpClient } = require('./http-client');
const { deliveryRoutes } = require('./delivery-routes');
const { notificationRoutes } = require('./notification-routes');
const { createNotifications } = require('./notifications');
const { createAccountSettings, accountSettingsRoutes } = require('./account-settings');
const { createRouter } = require('./router');
const { createOAuth } = require('./oauth');
const { createInstances, SANDBOX_USER } = require('./instances');
const { createStoredEvents } = require('./events');
const { createFaults } = require('./faults');
const { createRequestLog } = require('./request-log');
const { createActivity } = require('./activity');
const { platformRoutes } = require('./platform-routes');
const { controlRoutes } = require('./control-routes');
const { createRequestHandler, BASE_PATH } = require('./server');
const { createShareFileApi } = require('./sharefile-api');
const { readConsentForm } = require('./sharefile-api/consent-form');

const DEFAULT_USER_SECRET = 'sandbox-user-secret';
const DEFAULT_ORGANIZATION_SECRET = 'sandbox-organization-secret';
const DEFAULT_USERNAME = SANDBOX_USER.emailAddress;
const DEFAULT_PASSWORD = 'sandbox-password';
const HOST = '127.0.0.1';

/**
 * Starts a local Cloud Elements stand-in for the ShareFile element on 127.0.0.1.
 * @param {{ port?: number, userSecret?: string, organizationSecret?: string, username?: string, password?: string,
 *   dataFile?: string, timeScale?: number, shareFileTokenLifetimeSeconds?: number }} [options]
 */
async function startSandbox(options = {}) {
	const secrets = {
		userSecret: options.userSecret || DEFAULT_USER_SECRET,
		organizationSecret: options.organizationSecret || DEFAULT_ORGANIZATION_SECRET,
	};
	// Pollers and delivery retries run `timeScale` times faster than the wall clock: a poller
	// "minute" is 60000 / timeScale ms, a 4 s retry 4000 / timeScale ms.
	const timeScale = options.timeScale ?? 1;
	if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, not ${timeScale}.`);

	const store = createStore({ dataFile: options.dataFile });
	const blobs = createBlobStore({ dataFile: store.dataFile });
	const clock = createClock();
	const now = clock.now;
	let origin = '';
	const apiBase = () => `${origin}${BASE_PATH}`;
	const oauth = createOAuth({ store, origin: () => origin, now });
	const storedEvents = createStoredEvents({ store, now });
	const activity = createActivity();
	activity.seed(store.state.instances, store.state.deliveries);
	const settings = createAccountSettings({ store });
	const engine = createEventEngine({
		store,
		now,
		timeScale,
		storedEvents,
		client: createHttpClient(),
		apiBase,
		secrets,
		activity,
		failurePolicy: settings.failurePolicy,
	});
	const notifications = createNotifications({ store, now, storedEvents, publish: engine.publisher.publish });
	const documents = createDocuments({
		store,
		now,
		blobs,
		onChange: (change) => {
			if (change.operation !== 'Download') activity.documentsChanged(change);
			engine.documentChanged(change);
			// Declared below; documents change only once requests come in, by then it exists.
			shareFileApi.documentChanged(change);
		},
	});
	documents.collectBlobs(store.state.instances);
	const instances = createInstances({
		store,
		oauth,
		now,
		onChange: (instance, kind) => {
			activity.instancesChanged();
			engine.instanceChanged(instance, kind);
			if (kind === 'deleted') {
				documents.forgetInstance(instance);
				// Declared below; instances change only once requests come in, by then it exists.
				shareFileApi.instanceDeleted(instance);
			}
		},
	});
	const login = createLogin({
		account: { username: options.username || DEFAULT_USERNAME, password: options.password || DEFAULT_PASSWORD },
		secrets,
		now,
		user: SANDBOX_USER,
	});
	const faults = createFaults();
	const requestLog = createRequestLog();
	const delay = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());
	// ShareFile's own API v3 and OAuth, on the very accounts the documents hub serves.
	const shareFileApi = createShareFileApi({
		store,
		now,
		origin: () => origin,
		instances,
		documents,
		faults,
		requestLog,
		activity,
		delay,
		timeScale,
		tokenLifetimeSeconds: options.shareFileTokenLifetimeSeconds,
		platformBase: apiBase,
	});

	const handleRequest = createRequestHandler({
		secrets,
		platformRouter: createRouter([
			...platformRoutes({ instances, storedEvents, oauth, login, now }),
			...documentRoutes({ documents }),
			...documentShareRoutes({ documents, store, now, apiBase, signer: createLinkSigner({ now }) }),
			...documentSearchRoutes({ documents }),
			...deliveryRoutes({ deliveries: engine.deliveries }),
			...notificationRoutes({ subscriptions: engine.subscriptions, notifications, deliveries: engine.deliveries }),
			...accountSettingsRoutes({ settings }),
		]),
		controlRouter: createRouter([
			...controlRoutes({ store, clock, instances, storedEvents, documents, engine, oauth, faults, requestLog, activity, login, shareFileApi }),
			...shareFileApi.controlRoutes(),
		]),
		instances,
		faults,
		requestLog,
		// Unref'd so a pending `slow` fault never keeps a closing process alive.
		delay,
		now,
		shareFileApi,
	});

	const server = http.createServer((req, res) => {
		void handleRequest(req, res);
	});
	await new Promise((resolve, reject) => {
		/** A start that fails (port taken) must not leave an in-memory sandbox's temp folder behind. @param {Error} error */
		const failed = (error) => {
			blobs.close();
			reject(error);
		};
		server.once('error', failed);
		server.listen(options.port ?? 0, HOST, () => {
			server.off('error', failed);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	origin = `http://${HOST}:${address.port}`;
	// Only now: pollers call the hub at `origin`, and deliveries left in the data file resume.
	engine.start();
	shareFileApi.startWebhooks();

	/** @type {Promise<void> | undefined} */
	let closing;
	return {
		origin,
		baseUrl: `${origin}${BASE_PATH}`,
		port: address.port,
		dataFile: store.dataFile,
		timeScale,
		/** @returns {Promise<void>} */
		close() {
			closing ??= new Promise((resolve, reject) => {
				engine.stop();
				shareFileApi.stopWebhooks();
				store.flush();
				server.close((error) => {
					blobs.close();
					if (error) reject(error);
					else resolve(undefined);
				});
				// Keep-alive sockets (fetch keeps them) would hold close() open for seconds.
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

module.exports = { startSandbox, readConsentForm, DEFAULT_USER_SECRET, DEFAULT_ORGANIZATION_SECRET, DEFAULT_USERNAME, DEFAULT_PASSWORD };
