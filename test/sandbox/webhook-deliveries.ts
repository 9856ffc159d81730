import type { Sandbox } from '../../sandbox';
import { placeOk } from './documents-helpers';
import { call, createInstance, POLLER_CONFIGURATION } from './helpers';
import { eventually, type Receiver } from './receiver';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** An instance whose ShareFile webhooks are delivered to `url`. */
export const webhookInstance = (sandbox: Sandbox, url: string) =>
	createInstance(sandbox, {}, { 'event.notification.enabled': true, 'event.vendor.type': 'webhook', 'event.notification.callback.url': url });

/** An instance polled every hour (so only the poll control polls it), its events delivered to `url`. */
export const pollingInstance = (sandbox: Sandbox, url: string) =>
	createInstance(sandbox, {}, {
		'event.notification.enabled': true,
		'event.vendor.type': 'polling',
		'event.notification.callback.url': url,
		'event.poller.refresh_interval': 60,
		'event.poller.configuration': POLLER_CONFIGURATION,
	});

/** The instance's deliveries, as the sandbox's control shows them. */
export const deliveriesOf = async (sandbox: Sandbox, id: number) =>
	(await call(sandbox, 'GET', `/_sandbox/instances/${id}/deliveries`, { auth: null })).json as Json[];

/**
 * With the receiver refusing everything: an upload whose delivery is tried 10 times (1 + 9
 * retries) and then given up. Resolves the instance and that failed delivery.
 */
export async function deliveryThatRanOutOfRetries(sandbox: Sandbox, receiver: Receiver) {
	receiver.answer(503);
	const instance = await webhookInstance(sandbox, receiver.url);
	await placeOk(sandbox, instance.id, { op: 'upload', path: '/top/a.txt' });
	await receiver.waitFor(10);
	const failed = await eventually(async () => {
		const list = await deliveriesOf(sandbox, instance.id);
		return list[0]?.status === 'failed' ? list[0] : undefined;
	});
	return { instance, failed };
}
