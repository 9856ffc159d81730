// @ts-check
'use strict';

const { pollerSettings } = require('./poller-configuration');
const { renderPollUrl } = require('./poller-url');
const { classify, recordsOf } = require('./poll-records');

/**
 * @typedef {import('./store').InstanceRecord} InstanceRecord
 * @typedef {import('./event-envelope').NormalizedEvent} NormalizedEvent
 * @typedef {{ name: string, since: string, url: string, pages: number, records: number, events: number,
 *   dropped: number, deliveries: number[], warnings: string[], error?: string }} ResourcePoll
 * @typedef {{ pollDate: string, resources: ResourcePoll[], warnings: string[] }} PollSummary
 */

/** Events per polling delivery (contract section 5). */
const POLL_BATCH = 10;
/** What the hub serves when no pageSize is asked; a shorter page is the last one. */
const HUB_DEFAULT_PAGE_SIZE = 200;
const REQUEST_TIMEOUT_MS = 30000;

/**
 * Sets or replaces one query parameter of a hub-relative URL, keeping the rest as written.
 * @param {string} url @param {string} name @param {string | null} value null removes it
 */
function withParameter(url, name, value) {
	const [path, query = ''] = url.split(/\?(.*)/s, 2);
	const kept = query.split('&').filter((part) => part !== '' && part.split('=')[0] !== name);
	if (value !== null) kept.push(`${name}=${encodeURIComponent(value)}`);
	return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
}

/**
 * Cloud Elements' poller for one instance: for each resource of `event.poller.configuration`, GET
 * the poll URL with its date variables rendered from (last poll time − pollDelay), through the
 * sandbox's own hub (so faults, auth and the request log apply), page by page; classify the records;
 * and publish the events on the instance's topic, at most 10 a notification, each repeating its
 * page's `raw`; `deliveries` in a report are the ids of their deliveries, one per subscription.
 * @param {{ now: () => number, apiBase: () => string, secrets: { userSecret: string, organizationSecret: string },
 *   client: ReturnType<typeof import('./http-client').createHttpClient>,
 *   publisher: ReturnType<typeof import('./publisher').createPublisher> }} deps
 */
function createPoller({ now, apiBase, secrets, client, publisher }) {
	/**
	 * Fetches every page of one resource's poll. Throws on the first page that is not a 200.
	 * @param {InstanceRecord} instance @param {import('./poller-configuration').PollResource} resource @param {string} firstUrl
	 */
	async function fetchPages(instance, resource, firstUrl) {
		const authorization = `User ${secrets.userSecret}, Organization ${secrets.organizationSecret}, Element ${instance.token}`;
		const pageSize = resource.pageSize ?? HUB_DEFAULT_PAGE_SIZE;
		let url = resource.pageSize ? withParameter(firstUrl, 'pageSize', String(resource.pageSize)) : firstUrl;
		/** @type {unknown[][]} */
		const pages = [];
		for (;;) {
			// new URL() escapes what a template may leave raw (spaces), and keeps the rest as written.
			const answer = await client.send({
				method: 'GET',
				url: new URL(`${apiBase()}${url.startsWith('/') ? url : `/${url}`}`).toString(),
				headers: { Authorization: authorization, Accept: 'application/json' },
				timeoutMs: REQUEST_TIMEOUT_MS,
			});
			if (answer.status !== 200) {
				let message = answer.text.slice(0, 300);
				try {
					message = JSON.parse(answer.text).message ?? message;
				} catch {
					// not JSON: keep the text
				}
				throw new Error(`GET ${url} answered ${answer.status}: ${message}`);
			}
			const records = recordsOf(JSON.parse(answer.text), resource.recordsPath);
			pages.push(records);
			const token = answer.headers['elements-next-page-token'];
			if (typeof token !== 'string' || token === '' || records.length < pageSize) return pages;
			url = withParameter(withParameter(url, 'page', null), 'nextPage', token);
		}
	}

	/**
	 * One poll of every resource. A resource whose fetch fails reports nothing this time and keeps
	 * its last poll time, so the next poll covers its window again.
	 * @param {InstanceRecord} instance
	 * @param {import('./event-engine').NotificationState} state
	 * @returns {Promise<PollSummary>}
	 */
	async function poll(instance, state) {
		const pollMs = now();
		const settings = pollerSettings(instance.configuration);
		/** @type {PollSummary} */
		const summary = { pollDate: new Date(pollMs).toISOString(), resources: [], warnings: settings.warnings };
		for (const resource of settings.resources) {
			const lastPollMs = Date.parse(state.lastPolled[resource.name] ?? state.enabledAt);
			const sinceMs = lastPollMs - resource.pollDelaySeconds * 1000;
			/** @type {ResourcePoll} */
			const report = { name: resource.name, since: new Date(sinceMs).toISOString(), url: '', pages: 0, records: 0, events: 0, dropped: 0, deliveries: [], warnings: [] };
			summary.resources.push(report);
			try {
				report.url = renderPollUrl(resource.url, sinceMs);
				const pages = await fetchPages(instance, resource, report.url);
				report.pages = pages.length;
				for (const records of pages) {
					/** @type {unknown[]} */
					const kept = [];
					/** @type {NormalizedEvent[]} */
					const events = [];
					for (const record of records) {
						const outcome = classify(record, resource, { lastPollMs, pollMs });
						if ('dropped' in outcome) {
							report.dropped++;
							continue;
						}
						if (outcome.warning && !report.warnings.includes(outcome.warning)) report.warnings.push(outcome.warning);
						kept.push(record);
						events.push(outcome.event);
					}
					report.records += records.length;
					report.events += events.length;
					const raw = { [resource.name]: kept, pollDate: pollMs, objectType: resource.name };
					for (let i = 0; i < events.length; i += POLL_BATCH) {
						for (const delivery of publisher.dispatch(instance, { vendor: 'polling', raw, events: events.slice(i, i + POLL_BATCH) })) report.deliveries.push(delivery.id);
					}
				}
				state.lastPolled[resource.name] = summary.pollDate;
			} catch (error) {
				report.error = error instanceof Error ? error.message : String(error);
			}
		}
		return summary;
	}

	return { poll };
}

module.exports = { createPoller, POLL_BATCH, withParameter };
