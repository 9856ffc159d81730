/**
 * Fault campaign, webhooks: good deliveries interleaved with more than 1,000 bad ones, all over
 * HTTP into the webhook trigger as n8n runs it (n8n-core's WebhookContext; see
 * test/harness/webhookTrigger.ts). Bad: unsigned, signed with another key, tampered bodies,
 * truncated bodies (with the full body's signature, and signed as cut), non-JSON and
 * non-envelope bodies, oversized bodies, wrong HTTP methods, malformed signature headers, a
 * forged nonce in the URL, and replays of accepted deliveries the trigger still remembers (the
 * same id again, and the same body under a new Elements-Webhook-Id).
 *
 * Figures (bench/results.json): bad_deliveries_started — workflows started by bad deliveries,
 * must be 0; and every good delivery must have started exactly one workflow.
 */
import { createHmac } from 'crypto';

import { derivedSignatureKey, nonceOf } from '../../nodes/engine/webhook/callbackRegistration';
import { MIN_RECENT_DELIVERIES } from '../../nodes/engine/webhook/recentDeliveries';
import { deliveryCorpus } from '../../bench/corpus';
import { ORGANIZATION_SECRET, useTestSandbox, USER_SECRET } from '../harness/sandboxClient';
import { WebhookTriggerHarness } from '../harness/webhookTrigger';
import { CAMPAIGN_SEED, seededRandom, writeFigures } from './figures';

const sandbox = useTestSandbox();

const GOOD = 1_200;
const BAD = 1_300;

function sign(body: string | Buffer, key: string, algorithm: 'sha256' | 'sha1' = 'sha256'): string {
	return `${algorithm}=${createHmac(algorithm, key).update(body).digest('base64')}`;
}

interface Delivery {
	kind: string;
	good: boolean;
	method: string;
	url: string;
	body: string | Buffer;
	headers: Record<string, string>;
	/** For good ones: their message.eventId, which every item they start carries. */
	eventId?: string;
}

describe('fault campaign: webhook deliveries', () => {
	jest.setTimeout(300_000);

	it('starts every good delivery exactly once and no bad one', async () => {
		const random = seededRandom(CAMPAIGN_SEED + 10);
		const instance = await sandbox().createInstance('campaign webhooks');
		const harness = await new WebhookTriggerHarness(sandbox().credentials(), {
			instance: { __rl: true, mode: 'id', value: String(instance.id) },
			detection: 'webhook',
			eventTypes: ['CREATED', 'UPDATED', 'DELETED', 'MOVED', 'RETRIEVED', 'UNKNOWN'],
			signatureKeySource: 'generate',
			registration: 'callback',
		}).start();
		try {
			await harness.hook('create');
			const url = (await sandbox().platform('GET', `/instances/${instance.id}`)).body.configuration['event.notification.callback.url'] as string;
			const key = derivedSignatureKey([USER_SECRET, ORGANIZATION_SECRET], nonceOf(url)!);

			// Good deliveries: the benchmark corpus (polling- and webhook-type envelopes), each
			// with its own ids.
			const corpus = deliveryCorpus(GOOD, CAMPAIGN_SEED);
			const good: Delivery[] = corpus.bodies.map((body, i) => {
				const eventId = (JSON.parse(body) as { message: { eventId: string } }).message.eventId;
				return {
					kind: 'good',
					good: true,
					method: 'POST',
					url,
					body,
					headers: { 'elements-webhook-signature': sign(body, key), 'elements-webhook-id': corpus.ids[i] },
					eventId,
				};
			});
			const accepted: Delivery[] = [];
			const remembered = () => accepted.slice(-MIN_RECENT_DELIVERIES);
			const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
			// 3 MB of JSON that is not an event envelope (no message).
			const oversized = (fill: string) => JSON.stringify({ severity: 'medium', padding: fill.repeat((3 * 1024 * 1024) / fill.length) });

			const badMakers: Array<[kind: string, weight: number, make: () => Delivery | undefined]> = [
				['unsigned', 3, () => ({ ...pick(good), kind: 'unsigned', good: false, headers: { 'elements-webhook-id': `u-${random()}` } })],
				['wrong key', 3, () => {
					const d = pick(good);
					return { ...d, kind: 'wrong key', good: false, headers: { ...d.headers, 'elements-webhook-signature': sign(d.body, `not-the-key-${random()}`) } };
				}],
				['tampered body', 3, () => {
					const d = pick(good);
					const body = String(d.body).replace(/"objectId":"([^"]+)"/, '"objectId":"$1x"');
					return { ...d, kind: 'tampered body', good: false, body: body === d.body ? `${body} ` : body };
				}],
				['truncated, original signature', 2, () => {
					const d = pick(good);
					return { ...d, kind: 'truncated, original signature', good: false, body: String(d.body).slice(0, Math.floor(String(d.body).length * random())) };
				}],
				['truncated, signed as cut', 2, () => {
					const d = pick(good);
					const body = String(d.body).slice(0, 1 + Math.floor((String(d.body).length - 2) * random()));
					return { ...d, kind: 'truncated, signed as cut', good: false, body, headers: { ...d.headers, 'elements-webhook-signature': sign(body, key) } };
				}],
				['not JSON, signed', 1, () => {
					const body = pick(['not json', '<xml/>', '', 'null', '{"message":', '\u0000\u0001']);
					return { kind: 'not JSON, signed', good: false, method: 'POST', url, body, headers: { 'elements-webhook-signature': sign(body, key) } };
				}],
				['not an envelope, signed', 1, () => {
					const body = pick(['{}', '[]', '{"message":{}}', '{"message":{"events":"x"}}', '{"id":"1","message":null}', '42']);
					return { kind: 'not an envelope, signed', good: false, method: 'POST', url, body, headers: { 'elements-webhook-signature': sign(body, key) } };
				}],
				['oversized', 0.15, (): Delivery => {
					const body = oversized('abcdefgh');
					return random() < 0.5
						? { kind: 'oversized', good: false, method: 'POST', url, body, headers: {} }
						: { kind: 'oversized', good: false, method: 'POST', url, body, headers: { 'elements-webhook-signature': sign(body, `other-${random()}`) } };
				}],
				['oversized, signed, not an envelope', 0.05, () => {
					const body = oversized('ijklmnop');
					return { kind: 'oversized, signed, not an envelope', good: false, method: 'POST', url, body, headers: { 'elements-webhook-signature': sign(body, key) } };
				}],
				['wrong method', 2, () => ({ ...pick(good), kind: 'wrong method', good: false, method: pick(['GET', 'PUT', 'PATCH', 'DELETE']) })],
				['malformed signature header', 2, () => {
					const d = pick(good);
					const hex = `sha256=${createHmac('sha256', key).update(d.body).digest('hex')}`;
					const header = pick([hex, 'sha256=', 'sha256', `md5=${sign(d.body, key).slice(7)}`, `sha1=${sign(d.body, key).slice(7)}`, `sha256=${sign(d.body, key).slice(7, -2)}`, ' ', `SHA256 ${sign(d.body, key).slice(7)}`]);
					return { ...d, kind: 'malformed signature header', good: false, headers: { ...d.headers, 'elements-webhook-signature': header } };
				}],
				['sha1 with another key', 1, () => {
					const d = pick(good);
					return { ...d, kind: 'sha1 with another key', good: false, headers: { ...d.headers, 'elements-webhook-signature': sign(d.body, 'another', 'sha1') } };
				}],
				['forged nonce', 1, () => {
					const d = pick(good);
					return { ...d, kind: 'forged nonce', good: false, url: url.replace(/n8n_sig=[^&]+/, `n8n_sig=forged${Math.floor(random() * 1e6)}`) };
				}],
				// Replays of deliveries the trigger still remembers (its last MIN_RECENT_DELIVERIES):
				// the signature has no timestamp, so an older one cannot be told from a delivery
				// Cloud Elements queued and released late (see the contract, section 5).
				['replay, same id', 3, () => (accepted.length ? { ...pick(remembered()), kind: 'replay, same id', good: false } : undefined)],
				['replay, new header id', 3, () => {
					if (!accepted.length) return undefined;
					const d = pick(remembered());
					return { ...d, kind: 'replay, new header id', good: false, headers: { ...d.headers, 'elements-webhook-id': `fresh-${random()}` } };
				}],
			];
			const totalWeight = badMakers.reduce((sum, [, weight]) => sum + weight, 0);
			const makeBad = (): Delivery => {
				for (;;) {
					let roll = random() * totalWeight;
					for (const [, weight, make] of badMakers) {
						roll -= weight;
						if (roll < 0) {
							const made = make();
							if (made) return made;
							break;
						}
					}
				}
			};

			// Interleave: the good ones in order, bad ones in between at random.
			const byKind = new Map<string, { sent: number; started: number; statuses: Set<number> }>();
			const startsByEventId = new Map<string, number>();
			let badSent = 0;
			let badStarted = 0;
			let goodIndex = 0;
			while (goodIndex < good.length || badSent < BAD) {
				const sendBad = badSent < BAD && (goodIndex >= good.length || random() < BAD / (BAD + GOOD));
				const delivery = sendBad ? makeBad() : good[goodIndex++];
				const before = harness.answers.length;
				const response = await fetch(delivery.url, {
					method: delivery.method,
					headers: { 'content-type': 'application/json', ...delivery.headers },
					body: delivery.method === 'GET' ? undefined : delivery.body,
				});
				await response.text();
				const answer = harness.answers[before];
				expect(harness.answers).toHaveLength(before + 1);
				const stats = byKind.get(delivery.kind) ?? { sent: 0, started: 0, statuses: new Set<number>() };
				stats.sent++;
				stats.statuses.add(response.status);
				if (answer.started) stats.started++;
				byKind.set(delivery.kind, stats);
				if (delivery.good) {
					if (answer.started) accepted.push(delivery);
				} else {
					badSent++;
					if (answer.started) badStarted++;
				}
			}
			for (const items of harness.started) {
				const ids = new Set(items.map((item) => String(item.json.eventId)));
				for (const id of ids) startsByEventId.set(id, (startsByEventId.get(id) ?? 0) + 1);
			}
			const goodStartedOnce = good.filter((d) => startsByEventId.get(d.eventId!) === 1).length;
			const summary = [...byKind.entries()].map(([kind, s]) => `${kind}: ${s.sent} sent, ${s.started} started, HTTP ${[...s.statuses].sort().join('/')}`).join('; ');
			writeFigures([
				{
					name: 'bad_deliveries_started',
					value: badStarted,
					detail: `${badSent} bad deliveries interleaved with ${good.length} good ones (${goodStartedOnce} of them started exactly once, ${harness.started.length} workflows started in all) — ${summary}; seed ${CAMPAIGN_SEED}`,
				},
			]);

			expect(badSent).toBeGreaterThanOrEqual(1_000);
			expect(badStarted).toBe(0);
			expect(goodStartedOnce).toBe(good.length);
			expect(harness.started).toHaveLength(good.length);
			for (const [kind, s] of byKind) {
				if (kind === 'good') expect([...s.statuses]).toEqual([200]);
				else if (kind.startsWith('replay')) expect([...s.statuses]).toEqual([200]);
				else if (kind === 'wrong method') expect([...s.statuses]).toEqual([404]);
				else for (const status of s.statuses) expect([400, 401]).toContain(status);
			}
		} finally {
			await harness.close();
		}
	});
});
