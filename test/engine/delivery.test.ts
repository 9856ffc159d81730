import { DeliveryError, normalizeDelivery, parseDelivery } from '../../nodes/engine/webhook/delivery';

const pollingDelivery = {
	severity: 'medium',
	createdDate: 'Tue Mar 05 14:02:11 UTC 2024',
	topic: 'instance-4242-sharefile-events',
	action: 'create',
	id: '1500001',
	user: 'notifications@cloud-elements.com',
	message: {
		elementKey: 'sharefile',
		eventId: 'AWVX9OTIhdQRdI1F7Q7v',
		instanceId: 4242,
		instance_id: 4242,
		instanceName: 'ShareFile prod',
		instanceTags: ['prod'],
		raw: {
			documents: [
				{ Id: 'fi1', Name: 'a.pdf' },
				{ Id: 'fi2', Name: 'b.pdf' },
			],
			pollDate: 1709647331000,
			objectType: 'documents',
		},
		events: [
			{ eventType: 'UPDATED', objectType: 'documents', objectId: 'fi2', elementKey: 'sharefile', hubKey: 'documents', date: '2024-03-05T14:00:58Z', pollDate: '2024-03-05T14:02:11Z' },
			{ eventType: 'CREATED', objectType: 'documents', objectId: 'fi1', elementKey: 'sharefile', hubKey: 'documents', date: '2024-03-05T14:00:10Z', pollDate: '2024-03-05T14:02:11Z' },
		],
	},
};

describe('deliveries', () => {
	it('normalizes each event with the record it belongs to and the envelope identity', () => {
		const delivery = parseDelivery(JSON.stringify(pollingDelivery));
		const events = normalizeDelivery(delivery, { webhookId: 'wh-1', receivedAt: new Date(0) });
		expect(events).toHaveLength(2);
		expect(events[0]).toMatchObject({
			eventType: 'UPDATED',
			objectType: 'documents',
			objectId: 'fi2',
			elementKey: 'sharefile',
			hubKey: 'documents',
			eventDate: '2024-03-05T14:00:58.000Z',
			pollDate: '2024-03-05T14:02:11.000Z',
			instanceId: 4242,
			instanceName: 'ShareFile prod',
			instanceTags: ['prod'],
			eventId: 'AWVX9OTIhdQRdI1F7Q7v',
			deliveryId: '1500001',
			webhookId: 'wh-1',
			source: 'webhook',
			raw: { Id: 'fi2', Name: 'b.pdf' },
		});
		expect(events[1].raw).toEqual({ Id: 'fi1', Name: 'a.pdf' });
	});

	it('keeps the provider body as raw for webhook-type deliveries', () => {
		const raw = { WebhookSubscriptionId: 's1', Event: { OperationName: 'Upload', ResourceType: 'File', Resource: { Id: 'fi9' } } };
		const body = { ...pollingDelivery, message: { ...pollingDelivery.message, raw, events: [{ eventType: 'CREATED', objectType: 'File', objectId: 'fi9' }] } };
		const [event] = normalizeDelivery(parseDelivery(JSON.stringify(body)), { receivedAt: new Date(0) });
		expect(event.raw).toEqual(raw);
		expect(event.pollDate).toBe(new Date(0).toISOString());
	});

	it('refuses bodies that are not JSON or not an event envelope', () => {
		expect(() => parseDelivery('{"message":')).toThrow(DeliveryError);
		expect(() => parseDelivery('[]')).toThrow('no message');
		expect(() => parseDelivery('{"message":{"events":{}}}')).toThrow('message.events is not a list');
		expect(() => parseDelivery(Buffer.from('null'))).toThrow(DeliveryError);
	});

	it('skips entries of message.events that are not events, keeping the others in order', () => {
		const body = { ...pollingDelivery, message: { ...pollingDelivery.message, events: [null, pollingDelivery.message.events[0], 'x', 7, pollingDelivery.message.events[1]] } };
		const events = normalizeDelivery(parseDelivery(JSON.stringify(body)), { receivedAt: new Date(0) });
		expect(events.map((event) => event.objectId)).toEqual(['fi2', 'fi1']);
	});
});
