/**
 * `sharefile_signature_verify_vs_limit`: the ShareFile Trigger's check of a delivery's signature
 * (verifyShareFileSignature, which its webhook runs on every delivery: the SF-WEBHOOK-PRIMARY- or
 * -SECONDARY-SIGNATURE header read as base64 or hex, HMAC-SHA256 of the raw body under each of the
 * OAuth client's keys, compared in constant time) against the least any receiver must do: one
 * HMAC-SHA256 of the same bytes, with the key ready as a KeyObject (the fastest way Node has).
 * ShareFile's own webhook bodies (bench/corpus.ts), one key, as a client has until it rotates.
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'crypto';

import { signShareFilePayload, verifyShareFileSignature } from '../nodes/engine/shareFile/webhook/signature';
import { shareFileWebhookCorpus } from './corpus';
import { compare } from './measure';
import { recordRatio, type BenchContext } from './results';

// A signature key as ShareFile's WebhookClients hand them out (sandbox: 32 random bytes in base64).
const KEY = randomBytes(32).toString('base64');
const NEXT_KEY = randomBytes(32).toString('base64');
const PASSES = 5;

export function shareFileSignatureBench(context: BenchContext): void {
	const count = context.quick ? 5_000 : 20_000;
	const corpus = shareFileWebhookCorpus(count);
	const raw = corpus.bodies.map((body) => Buffer.from(body, 'utf8'));
	const primary = raw.map((body) => signShareFilePayload(body, KEY));
	const secondary = raw.map((body) => signShareFilePayload(body, NEXT_KEY));

	const verifyAll = (keys: string[], withSecondary: boolean) => () => {
		let valid = 0;
		for (let i = 0; i < raw.length; i++) {
			if (verifyShareFileSignature(raw[i], { primary: primary[i], secondary: withSecondary ? secondary[i] : undefined }, keys)) valid++;
		}
		if (valid !== raw.length) throw new Error(`${raw.length - valid} signed deliveries did not verify`);
		return valid;
	};
	const ours = verifyAll([KEY], false);
	const keyObject = createSecretKey(Buffer.from(KEY, 'utf8'));
	const limit = () => {
		let n = 0;
		for (let i = 0; i < raw.length; i++) n += createHmac('sha256', keyObject).update(raw[i]).digest()[0];
		return n;
	};
	// A forged signature must fail, or the comparison measures nothing.
	if (verifyShareFileSignature(raw[0], { primary: secondary[0] }, [KEY])) throw new Error('a signature under another key verified');

	// Blocks of several passes: one pass takes a few tens of ms, shorter than the machine's noise.
	const rounds = context.quick ? 5 : 9;
	const result = compare(ours, limit, rounds, 2, PASSES);
	recordRatio(
		context,
		{
			name: 'sharefile_signature_verify_vs_limit',
			value: result.ratio,
			unit: 'ratio',
			goal: 1.3,
			better: 'lower',
			detail: `${count.toLocaleString('en-US')} ShareFile webhook bodies, ${(corpus.bytes / count).toFixed(0)} B avg, base64 primary signature, one key: verifyShareFileSignature ${result.subjectMs.toFixed(1)} ms, bare HMAC-SHA256 (KeyObject) ${result.baselineMs.toFixed(1)} ms; median of ${rounds} alternating rounds, each round ${PASSES} passes a side, per-round ratios ${result.spread[0].toFixed(2)}-${result.spread[1].toFixed(2)}`,
		},
		result.ratios,
	);
	context.absolute('ShareFile signature check, one key, deliveries/s', Math.round(count / (result.subjectMs / 1000)), 'deliveries/s');
	context.absolute('bare HMAC-SHA256 of a ShareFile body, deliveries/s', Math.round(count / (result.baselineMs / 1000)), 'deliveries/s');
	// A plain correct check, for scale: the header decoded and compared in constant time with the digest.
	const minimal = () => {
		let n = 0;
		for (let i = 0; i < raw.length; i++) if (timingSafeEqual(Buffer.from(primary[i], 'base64'), createHmac('sha256', keyObject).update(raw[i]).digest())) n++;
		return n;
	};
	const least = compare(minimal, limit, context.quick ? 3 : 5, 1, PASSES);
	context.absolute('HMAC + base64 decode + timingSafeEqual (one header, no checks), deliveries/s', Math.round(count / (least.subjectMs / 1000)), 'deliveries/s');
	// While a key rotates the client has two and ShareFile sends both headers: every pair is compared.
	const rotation = compare(verifyAll([KEY, NEXT_KEY], true), limit, context.quick ? 3 : 5, 1, PASSES);
	context.absolute('ShareFile signature check, two keys and both headers (rotation), deliveries/s', Math.round(count / (rotation.subjectMs / 1000)), 'deliveries/s');
}
