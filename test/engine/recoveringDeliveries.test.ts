import { isRecovering, markRecovering } from '../../nodes/engine/webhook/recoveringDeliveries';

/** Released queued deliveries: which arriving ones are marked `recovered`. */
describe('marks of released deliveries', () => {
	const eventIds = Array.from({ length: 10_000 }, (_, index) => `evt-${index}`);

	it('this process knows every one of a 10,000-delivery backlog', () => {
		markRecovering('wf\nnode\nwebhook', eventIds);
		expect(eventIds.every((eventId) => isRecovering('wf\nnode\nwebhook', eventId, undefined))).toBe(true);
		expect(isRecovering('wf\nnode\nwebhook', 'live-one', undefined)).toBe(false);
	});

	it('static data (another process) keeps the first 2,000, 8 characters each', () => {
		const stored = markRecovering('wf\nnode\nwebhook', eventIds)!;
		expect(stored).toHaveLength(2000 * 8);
		expect(eventIds.slice(0, 2000).every((eventId) => isRecovering('another process', eventId, stored))).toBe(true);
	});

	it('a new release replaces the marks; nothing released leaves none', () => {
		markRecovering('wf\nnode\nwebhook', ['a']);
		expect(markRecovering('wf\nnode\nwebhook', [])).toBeUndefined();
		expect(isRecovering('wf\nnode\nwebhook', 'a', undefined)).toBe(false);
	});
});
