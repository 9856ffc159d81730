import { acceptDelivery, type DeliveryOutcome } from '../../nodes/engine/webhook/acceptDelivery';
import { noteAcceptedAttempt, sweep, UNANSWERED_LIMIT_MS } from '../../nodes/engine/webhook/acceptedAttempts';
import { signElementsPayload } from '../../nodes/engine/webhook/signature';

// A copy of a delivery (Cloud Elements' retry after its timeout) is answered by what became of
// this process's earlier attempt: 503 while that one is unanswered, 200 "duplicate" once it was
// answered 2xx, a run of its own once it was refused.

const KEY = 'attempts-test-key';
let triggers = 0;

function envelope(eventId: string): Buffer {
	return Buffer.from(
		JSON.stringify({
			message: {
				eventId,
				instanceId: 7,
				events: [{ eventType: 'CREATED', objectType: 'documents', objectId: `fi-${eventId}`, hubKey: 'documents' }],
			},
		}),
		'utf8',
	);
}

/** One trigger of its own per test; `receive` runs acceptDelivery as receiveDelivery does. */
function triggerUnderTest() {
	const trigger = `attempts-workflow-${triggers++}\nnode\nwebhook`;
	let recentDeliveries = '';
	let clock = 1_000_000;
	const receive = (eventId: string, at = clock): DeliveryOutcome => {
		const rawBody = envelope(eventId);
		const outcome = acceptDelivery({
			rawBody,
			signature: signElementsPayload(rawBody, KEY),
			keys: [KEY],
			webhookIdHeader: `header-${eventId}`,
			recentDeliveries,
			trigger,
			eventTypes: ['CREATED'],
			idFields: {},
			receivedAt: new Date(at),
		});
		if (outcome.kind === 'accepted') recentDeliveries = outcome.recentDeliveries;
		return outcome;
	};
	/** Accepts a delivery and notes the attempt; the answer is set on the returned object. */
	const accept = (eventId: string) => {
		const attempt: { status?: number } = {};
		const outcome = receive(eventId);
		expect(outcome.kind).toBe('accepted');
		noteAcceptedAttempt(trigger, (outcome as { deliveryKey: string }).deliveryKey, () => attempt.status, clock);
		return attempt;
	};
	return { trigger, receive, accept, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('a copy of a delivery this process accepted', () => {
	it('is asked to come back while the earlier attempt is unanswered, and is a repeat once it was answered 2xx', () => {
		const { receive, accept } = triggerUnderTest();
		const first = accept('e-1');
		expect(receive('e-1').kind).toBe('earlierUnanswered');
		expect(receive('e-1').kind).toBe('earlierUnanswered');
		first.status = 200;
		expect(receive('e-1').kind).toBe('duplicate');
		expect(receive('e-1').kind).toBe('duplicate');
	});

	it('runs when the earlier attempt was answered with an error (it started nothing), once', () => {
		const { receive, accept } = triggerUnderTest();
		const first = accept('e-2');
		first.status = 500;
		const copy = receive('e-2');
		expect(copy).toMatchObject({ kind: 'accepted', events: [{ objectId: 'fi-e-2' }] });
		// Nobody noted the copy's attempt: its replay memory stands, the next copy is a repeat.
		expect(receive('e-2').kind).toBe('duplicate');
	});

	it(`runs when the earlier attempt stayed unanswered for ${UNANSWERED_LIMIT_MS / 1000} s (n8n hung): a second run beats a lost event`, () => {
		const { receive, accept, advance, now } = triggerUnderTest();
		accept('e-3');
		advance(UNANSWERED_LIMIT_MS - 1);
		expect(receive('e-3', now()).kind).toBe('earlierUnanswered');
		advance(1);
		expect(receive('e-3', now()).kind).toBe('accepted');
	});

	it('concerns only the trigger that accepted it; another delivery is unaffected', () => {
		const one = triggerUnderTest();
		const other = triggerUnderTest();
		one.accept('e-4');
		expect(one.receive('e-5').kind).toBe('accepted');
		expect(other.receive('e-4').kind).toBe('accepted');
	});

	it('refused long ago still runs: a sweep takes refused attempts out of the replay memory at once', () => {
		const { receive, accept, now } = triggerUnderTest();
		const refused = accept('e-6');
		const stored = accept('e-7');
		refused.status = 503;
		stored.status = 200;
		// Hours may pass before Cloud Elements' next retry; the sweep forgets the attempts.
		sweep(now());
		expect(receive('e-6').kind).toBe('accepted');
		expect(receive('e-7').kind).toBe('duplicate');
	});

	it('without an earlier attempt in this process (another process, or before a restart): a repeat, as before', () => {
		const { receive } = triggerUnderTest();
		expect(receive('e-8').kind).toBe('accepted');
		expect(receive('e-8').kind).toBe('duplicate');
	});
});
