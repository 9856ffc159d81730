/**
 * The webhook trigger's work per delivery outside n8n: signature check, parse, replay check,
 * normalization into items — the engine's `acceptDelivery`, which receiveDelivery runs — against
 * the least any receiver must do: one HMAC-SHA256 of the body and JSON.parse of it.
 */
import { createHmac, createSecretKey } from 'crypto';

import { eventItems } from '../nodes/shared/eventItems';
import { acceptDelivery } from '../nodes/engine/webhook/acceptDelivery';
import { derivedSignatureKey } from '../nodes/engine/webhook/callbackRegistration';
import { signElementsPayload } from '../nodes/engine/webhook/signature';
import { deliveryCorpus } from './corpus';
import { compare } from './measure';
import { recordRatio, type BenchContext } from './results';

// The trigger derives a registration's key from the credential's secrets and the nonce in its
// callback URL once, and keeps it in memory for the deliveries that follow (signatureKeyFor).
const SECRETS = ['bench-user-secret-2b7c', 'bench-organization-secret-91fe'];
const NONCE = 'Qm9yZWRvbS1pcy1ub3QtYS1rZXktanVzdC1hLW5vbmNl';
const KEY = derivedSignatureKey(SECRETS, NONCE);
const WANTED = ['CREATED', 'UPDATED', 'DELETED', 'MOVED'];

export function webhookBench(context: BenchContext): void {
	const count = context.quick ? 5_000 : 20_000;
	const corpus = deliveryCorpus(count);
	const raw = corpus.bodies.map((body) => Buffer.from(body, 'utf8'));
	const signatures = raw.map((body) => signElementsPayload(body, KEY));
	const receivedAt = new Date();

	let run = 0;
	const ours = () => {
		// Which trigger receives the deliveries (workflow, node, mode), as receiveDelivery says;
		// a new one each run, so that a run's deliveries are new to it.
		const trigger = `bench-workflow-${run++}\nbench-node\nwebhook`;
		let recent = '';
		let items = 0;
		for (let i = 0; i < raw.length; i++) {
			const outcome = acceptDelivery({
				rawBody: raw[i],
				signature: signatures[i],
				keys: [KEY],
				webhookIdHeader: corpus.ids[i],
				recentDeliveries: recent,
				trigger,
				eventTypes: WANTED,
				idFields: {},
				receivedAt,
			});
			if (outcome.kind !== 'accepted' && outcome.kind !== 'ignored') throw new Error(`delivery ${i}: ${outcome.kind}`);
			recent = outcome.recentDeliveries;
			if (outcome.kind === 'accepted') items += eventItems(outcome.events).length;
		}
		return items;
	};
	// The least a receiver does: HMAC-SHA256 of the body (with the key ready as a KeyObject, the
	// fastest way Node has) and JSON.parse of it.
	const keyObject = createSecretKey(Buffer.from(KEY, 'utf8'));
	const limit = () => {
		let n = 0;
		for (let i = 0; i < raw.length; i++) {
			const mac = createHmac('sha256', keyObject).update(raw[i]).digest();
			n += mac[0] + (JSON.parse(raw[i].toString('utf8')) as { id: string }).id.length;
		}
		return n;
	};
	if (ours() === 0) throw new Error('no delivery accepted');
	const rounds = context.quick ? 5 : 9;
	const result = compare(ours, limit, rounds);
	recordRatio(context, {
		name: 'webhook_verify_vs_limit',
		value: result.ratio,
		unit: 'ratio',
		goal: 1.3,
		better: 'lower',
		detail: `${count.toLocaleString('en-US')} deliveries, ${corpus.events.toLocaleString('en-US')} events, ${(corpus.bytes / count).toFixed(0)} B avg: delivery path ${result.subjectMs.toFixed(0)} ms, HMAC+JSON.parse ${result.baselineMs.toFixed(0)} ms; ${rounds} alternating rounds, per-round ratios ${result.spread[0].toFixed(2)}-${result.spread[1].toFixed(2)}`,
	}, result.ratios);
	context.absolute('webhook delivery path (outside n8n) deliveries/s', Math.round(count / (result.subjectMs / 1000)), 'deliveries/s');
	context.absolute('bare HMAC-SHA256 + JSON.parse deliveries/s', Math.round(count / (result.baselineMs / 1000)), 'deliveries/s');
}
