/**
 * The polling trigger as n8n runs it (n8n-core's PollContext, static data saved as JSON between
 * polls) against the local Cloud Elements sandbox: 1,000 polls of 1,000 changes each (1,000
 * files updated every round, each round spread over 10 seconds in shared milliseconds, rounds
 * 20 seconds apart, so the overlap a poll looks back over always holds thousands of changes —
 * the worst case for what the trigger must remember). Measured: the largest static data, and
 * requests made ÷ pages read (from the sandbox's own request log).
 */
import { INSTANCE_TTL_MS } from '../nodes/cloudElements/instances/instanceToken';
import { DOCUMENTS_FORM_ROW } from '../test/harness/formRows';
import { PolledWorkflow } from '../test/harness/pollTrigger';
import { startTestSandbox, type SandboxClient } from '../test/harness/sandboxClient';
import { nowNs } from './measure';
import type { BenchContext } from './results';

const POLL_PATH = '/hubs/documents/events/poll/';

export async function pollNodeBench(context: BenchContext): Promise<void> {
	const polls = context.quick ? 100 : 1_000;
	const files = 1_000;
	const sandbox: SandboxClient = await startTestSandbox();
	try {
		const instance = await sandbox.createInstance('bench');
		const change = async (body: unknown) => {
			const answer = await sandbox.control('POST', `/instances/${instance.id}/documents`, body);
			if (!answer || (answer.applied === undefined && answer.id === undefined)) throw new Error(`sandbox refused changes: ${JSON.stringify(answer).slice(0, 300)}`);
		};
		await change({ op: 'createFolder', path: '/top/bench' });
		await change({ changes: Array.from({ length: files }, (_, i) => ({ op: 'upload', path: `/top/bench/file-${i}.txt`, content: `v0 ${i}` })) });

		const workflow = new PolledWorkflow(sandbox.credentials(), {
			instance: { __rl: true, mode: 'id', value: String(instance.id) },
			resourceSource: 'form',
			pollResources: { resource: [DOCUMENTS_FORM_ROW] },
			eventTypes: ['CREATED', 'UPDATED'],
			pathPrefix: '',
			startFrom: 'now',
		});
		await sandbox.control('DELETE', '/requests');
		// Activation: the first poll only notes where "now" is.
		if ((await workflow.poll()) !== null) throw new Error('the activation poll reported changes');
		const now = Date.parse((await sandbox.control('GET', '/clock')).now);

		let requests = 0;
		let pages = 0;
		let emitted = 0;
		let largest = workflow.staticDataJson.length;
		let pollNs = 0;
		const tally = async () => {
			const log = await sandbox.requests();
			await sandbox.control('DELETE', '/requests');
			return { requests: log.length, pages: log.filter((entry) => entry.path.startsWith(POLL_PATH)).length };
		};
		const activation = await tally();
		for (let round = 1; round <= polls; round++) {
			const base = now + round * 20_000;
			await change({
				changes: Array.from({ length: files }, (_, i) => ({
					op: 'update',
					path: `/top/bench/file-${i}.txt`,
					content: `v${round} ${i}`,
					// 100 distinct milliseconds over 10 s, ten files on each.
					at: base + (i % 100) * 100,
				})),
			});
			const started = nowNs();
			const items = await workflow.poll();
			pollNs += nowNs() - started;
			// Every file and their folder changed: 1,001 changes, each reported once.
			if ((items?.length ?? 0) !== files + 1) throw new Error(`round ${round}: ${items?.length ?? 0} changes reported, ${files + 1} made`);
			emitted += items!.length;
			largest = Math.max(largest, workflow.staticDataJson.length);
			const counted = await tally();
			requests += counted.requests;
			pages += counted.pages;
		}
		context.record({
			name: 'static_data_bytes_max',
			value: largest,
			unit: 'bytes',
			goal: 16_384,
			better: 'lower',
			detail: `largest static data (JSON) over ${polls.toLocaleString('en-US')} polls of ${(files + 1).toLocaleString('en-US')} changes each, thousands inside the look-back overlap`,
		});
		const withActivation = (requests + activation.requests) / (pages + activation.pages);
		context.record({
			name: 'poll_requests_per_page',
			value: Number((requests / pages).toFixed(4)),
			unit: 'ratio',
			goal: 1.0,
			better: 'lower',
			detail: `${requests.toLocaleString('en-US')} requests for ${pages.toLocaleString('en-US')} pages over ${polls.toLocaleString('en-US')} polls after activation; with the activation poll (which reads the instance and one page to learn the server's time) ${(requests + activation.requests).toLocaleString('en-US')} for ${(pages + activation.pages).toLocaleString('en-US')} = ${withActivation.toFixed(4)}. The instance and its token are kept in memory ${INSTANCE_TTL_MS / 60_000} minutes: polls further apart make one more request each`,
		});
		context.absolute('polling trigger through n8n-core + sandbox HTTP, changes/s', Math.round(emitted / (pollNs / 1e9)), 'changes/s');
		context.absolute('polling trigger, ms per poll of 1,001 changes (11 pages)', Math.round(pollNs / 1e6 / polls), 'ms');
		context.absolute('RSS after the sandbox polls (sandbox in this process too)', Math.round(process.memoryUsage().rss / 2 ** 20), 'MB');
	} finally {
		await sandbox.close();
	}
}
