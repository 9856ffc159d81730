/**
 * Fault campaign, polling: more than 10,000 random ShareFile changes through the polling trigger
 * (n8n-core's PollContext, static data saved as JSON between polls) against the sandbox, while
 * 5% of the trigger's requests fail (429 with Retry-After, 503, 500, 502, 504, requests that hang
 * past the trigger's 1-second Request Timeout, bodies cut off) and 1.5% more answer slowly but
 * within it, with page sizes from 1 to 500, changes sharing timestamps, late
 * changes inside the look-back window, the sandbox clock 5 minutes ahead, level and behind, and
 * restarts between polls.
 *
 * Ground truth: right before each poll, every item's (Id, ProgenyEditDate) as the sandbox holds
 * it — what that poll can see. An item changed twice between polls shows only its last version
 * (polling cannot see the first, and it is not counted); nothing else may be missing from what
 * the trigger reported, and nothing may be reported twice. A poll that fails must leave the
 * static data as it was; the next attempt (with new faults) must catch up.
 *
 * Figures (bench/results.json): poll_lost, poll_duplicated; both must be 0.
 */
import { clearCachedInstances } from '../../nodes/cloudElements/instances/instanceToken';
import { DOCUMENTS_FORM_ROW } from '../harness/formRows';
import { PolledWorkflow } from '../harness/pollTrigger';
import { useTestSandbox } from '../harness/sandboxClient';
import { CAMPAIGN_SEED, seededRandom, writeFigures } from './figures';

const sandbox = useTestSandbox();

const FAILURE_RATE = 0.05;
const SLOW_RATE = 0.015;
/** The trigger's Options → Request Timeout in the campaign: a hung request costs a second. */
const REQUEST_TIMEOUT_SECONDS = 1;
/** Kinds of failure armed on the trigger's requests, and how often each is picked. */
const FAULTS: Array<[weight: number, fault: (random: () => number) => Record<string, unknown>]> = [
	[3, (random) => ({ kind: '429', retryAfter: random() < 0.5 ? 0 : 1 })],
	[1, () => ({ kind: '503', retryAfter: 0 })],
	[1, () => ({ kind: '502' })],
	[1, () => ({ kind: '504' })],
	[2, () => ({ kind: 'broken' })],
	[2, () => ({ kind: 'hang' })],
	[1, () => ({ kind: '500' })],
];
const FAILING_KINDS = new Set(['429', '500', '502', '503', '504', 'broken', 'hang']);

interface Tally {
	changes: number;
	lateChanges: number;
	sharedTimestampChanges: number;
	polls: number;
	failedPolls: number;
	failedPollsThatMovedState: number;
	requests: number;
	faultedRequests: number;
	hungRequests: number;
	slowRequests: number;
	restarts: number;
	pageSizes: number[];
	/** Id|ProgenyEditDate of every version a poll could see. */
	expected: Set<string>;
	/** Id|eventDate of every event reported, with how often. */
	emitted: Map<string, number>;
	notes: string[];
	phases: string[];
}

const tally: Tally = {
	changes: 0,
	lateChanges: 0,
	sharedTimestampChanges: 0,
	polls: 0,
	failedPolls: 0,
	failedPollsThatMovedState: 0,
	requests: 0,
	faultedRequests: 0,
	hungRequests: 0,
	slowRequests: 0,
	restarts: 0,
	pageSizes: [],
	expected: new Set(),
	emitted: new Map(),
	notes: [],
	phases: [],
};

/** A model of the instance's folders and files, so every generated change is a valid one. */
class Tree {
	folders: string[] = ['/top'];

	files: string[] = [];

	private sequence = 0;

	name(prefix: string): string {
		return `${prefix}${(this.sequence++).toString(36)}`;
	}

	pick<T>(random: () => number, list: T[]): T {
		return list[Math.floor(random() * list.length)];
	}

	remove(path: string): void {
		this.files = this.files.filter((file) => file !== path);
	}

	removeFolder(path: string): void {
		const under = (p: string) => p === path || p.startsWith(`${path}/`);
		this.files = this.files.filter((file) => !under(file));
		this.folders = this.folders.filter((folder) => !under(folder));
	}
}

function change(random: () => number, tree: Tree, at: number | undefined): Record<string, unknown> {
	const roll = random();
	const base = at === undefined ? {} : { at };
	if (tree.files.length < 5 || roll < 0.45) {
		const folder = tree.pick(random, tree.folders);
		const path = `${folder}/${tree.name('f')}.txt`;
		tree.files.push(path);
		return { ...base, op: 'upload', path, content: `first ${path}` };
	}
	if (roll < 0.75) {
		return { ...base, op: 'update', path: tree.pick(random, tree.files), content: `edit ${random()}` };
	}
	if (roll < 0.82) {
		const path = tree.pick(random, tree.files);
		const newName = `${tree.name('r')}.txt`;
		tree.remove(path);
		tree.files.push(`${path.slice(0, path.lastIndexOf('/'))}/${newName}`);
		return { ...base, op: 'rename', path, newName };
	}
	if (roll < 0.88 && tree.folders.length > 1) {
		const path = tree.pick(random, tree.files);
		const from = path.slice(0, path.lastIndexOf('/'));
		const targets = tree.folders.filter((folder) => folder !== from);
		const target = tree.pick(random, targets);
		tree.remove(path);
		tree.files.push(`${target}/${path.slice(path.lastIndexOf('/') + 1)}`);
		return { ...base, op: 'move', path, newPath: target };
	}
	if (roll < 0.94) {
		const path = tree.pick(random, tree.files);
		tree.remove(path);
		return { ...base, op: 'delete', path };
	}
	if (roll < 0.95 && tree.folders.length > 3) {
		const folder = tree.pick(random, tree.folders.slice(1));
		tree.removeFolder(folder);
		return { ...base, op: 'delete', path: folder };
	}
	const parents = tree.folders.filter((folder) => folder.split('/').length <= 4);
	const path = `${tree.pick(random, parents)}/${tree.name('d')}`;
	tree.folders.push(path);
	return { ...base, op: 'createFolder', path };
}

function pickFault(random: () => number): Record<string, unknown> {
	const total = FAULTS.reduce((sum, [weight]) => sum + weight, 0);
	let roll = random() * total;
	for (const [weight, fault] of FAULTS) {
		roll -= weight;
		if (roll < 0) return fault(random);
	}
	return FAULTS[0][1](random);
}

/**
 * Arms a fault script for the next requests: each fails with probability FAILURE_RATE, answers
 * slowly (within the timeout) with probability SLOW_RATE, and otherwise passes through a
 * zero-delay `slow` (the sandbox uses armed faults in order).
 */
async function armFaults(random: () => number, requests = 60): Promise<void> {
	await sandbox().control('DELETE', '/faults');
	let passing = 0;
	const flush = async () => {
		if (passing > 0) await sandbox().control('POST', '/faults', { kind: 'slow', delayMs: 0, count: passing });
		passing = 0;
	};
	for (let i = 0; i < requests; i++) {
		const roll = random();
		if (roll < FAILURE_RATE) {
			await flush();
			await sandbox().control('POST', '/faults', pickFault(random));
		} else if (roll < FAILURE_RATE + SLOW_RATE) {
			await flush();
			// Well inside the timeout, so that a busy machine does not turn one into a timeout.
			await sandbox().control('POST', '/faults', { kind: 'slow', delayMs: 100 + Math.floor(random() * 300) });
		} else {
			passing++;
		}
	}
	await flush();
}

/** Page sizes: mostly realistic ones, sometimes tiny (a page of one record). */
function pageSize(random: () => number): number {
	const roll = random();
	if (roll < 0.1) return 1 + Math.floor(random() * 5);
	if (roll < 0.5) return 6 + Math.floor(random() * 45);
	return 51 + Math.floor(random() * 450);
}

interface PollState {
	floor: number;
	watermark: number;
}

function stateOf(workflow: PolledWorkflow): PollState | undefined {
	const saved = JSON.parse(workflow.staticDataJson) as { 'node:ShareFile Polling Trigger'?: { resources?: { documents?: PollState } } };
	return saved['node:ShareFile Polling Trigger']?.resources?.documents;
}

const isCampaignFailure = (error: unknown) => /^(Cloud Elements|Could not reach Cloud Elements)/.test(String((error as Error)?.message));

async function runPhase(label: string, skewMs: number, targetChanges: number, seed: number): Promise<void> {
	const random = seededRandom(seed);
	await sandbox().control('PUT', '/clock', { offsetMs: skewMs });
	const instance = await sandbox().createInstance(`campaign ${label}`);
	const apply = async (changes: Array<Record<string, unknown>>) => {
		const answer = await sandbox().control('POST', `/instances/${instance.id}/documents`, { changes });
		if (answer?.applied !== changes.length) throw new Error(`sandbox refused a change: ${JSON.stringify(answer).slice(0, 400)}`);
	};
	const tree = new Tree();
	// Some structure before activation (not reported: older than the start).
	const before: Array<Record<string, unknown>> = [];
	for (let i = 0; i < 6; i++) before.push(change(random, tree, undefined));
	await apply(before);

	const parametersWith = (size: number) => ({
		instance: { __rl: true, mode: 'id', value: String(instance.id) },
		resourceSource: 'form',
		pollResources: { resource: [{ ...DOCUMENTS_FORM_ROW, pageSize: size }] },
		eventTypes: ['CREATED', 'UPDATED'],
		pathPrefix: '',
		startFrom: 'now',
		options: { requestTimeout: REQUEST_TIMEOUT_SECONDS },
	});
	let size = pageSize(random);
	let workflow = new PolledWorkflow(sandbox().credentials(), parametersWith(size));

	const poll = async () => {
		for (let attempt = 1; ; attempt++) {
			const saved = workflow.staticDataJson;
			await armFaults(random);
			await sandbox().control('DELETE', '/requests');
			let items: Array<{ json: Record<string, unknown> }> | null = null;
			let failure: unknown;
			try {
				items = await workflow.poll();
			} catch (error) {
				failure = error;
			}
			await sandbox().control('DELETE', '/faults');
			const log = await sandbox().requests();
			tally.requests += log.length;
			tally.faultedRequests += log.filter((entry) => FAILING_KINDS.has(String((entry as { fault?: string }).fault))).length;
			tally.hungRequests += log.filter((entry) => (entry as { fault?: string }).fault === 'hang').length;
			tally.slowRequests += log.filter((entry) => {
				const { fault, durationMs } = entry as { fault?: string; durationMs?: number };
				return fault === 'slow' && (durationMs ?? 0) >= 90;
			}).length;
			tally.polls++;
			if (failure === undefined) return items;
			if (!isCampaignFailure(failure)) throw failure;
			tally.failedPolls++;
			if (workflow.staticDataJson !== saved) tally.failedPollsThatMovedState++;
			if (attempt >= 25) throw new Error(`${label}: 25 polls in a row failed: ${String(failure)}`);
		}
	};

	// Activation: no changes reported, the start noted from the server's clock.
	const first = await poll();
	expect(first).toBeNull();
	const start = stateOf(workflow)!.floor;
	const serverNow = Date.parse((await sandbox().control('GET', '/clock')).now);
	let cursor = serverNow;
	if (start > serverNow + 1000) {
		// The sandbox's Date header read another clock than its items: changes made right after
		// activation would fall before the start. Say so, and begin after the start.
		tally.notes.push(`${label}: the sandbox's Date header is ${start - serverNow} ms ahead of its clock (known sandbox gap); changes start after the trigger's start`);
		cursor = start + 1000;
	}

	let round = 0;
	let phaseChanges = 0;
	let nextSize = pageSize(random);
	while (phaseChanges < targetChanges) {
		round++;
		// Small pages read few records: keep the rounds around them small.
		const small = size <= 5 || nextSize <= 5;
		const count = small ? 1 + Math.floor(random() * 10) : 10 + Math.floor(random() * 140);
		const changes: Array<Record<string, unknown>> = [];
		if (round === 1) {
			// Right after activation, at the sandbox's "now" (no explicit time).
			for (let i = 0; i < count; i++) changes.push(change(random, tree, undefined));
		} else {
			cursor += 61_000 + Math.floor(random() * 4000);
			// A few distinct milliseconds, about eight changes on each.
			const instants = Array.from({ length: Math.max(1, Math.ceil(count / 8)) }, () => cursor + Math.floor(random() * 2000));
			const state = stateOf(workflow)!;
			for (let i = 0; i < count; i++) {
				let at = instants[Math.floor(random() * instants.length)];
				if (random() < 0.08 && state.watermark > state.floor) {
					// Late: inside the window the last poll looked back over (never before its floor).
					at = random() < 0.3 ? state.watermark : state.floor + 1 + Math.floor(random() * (state.watermark - state.floor));
					tally.lateChanges++;
				} else if (instants.length < count) {
					tally.sharedTimestampChanges++;
				}
				changes.push(change(random, tree, at));
			}
		}
		await apply(changes);
		phaseChanges += changes.length;
		tally.changes += changes.length;

		// What this poll can see: every item's current version since the start.
		const items = (await sandbox().control('GET', `/instances/${instance.id}/documents`)) as Array<{ Id: string; ProgenyEditDate: string; Parent: unknown }>;
		for (const item of items) {
			if (item.Parent === null) continue;
			if (Date.parse(item.ProgenyEditDate) >= start) tally.expected.add(`${item.Id}|${item.ProgenyEditDate}`);
		}

		const reported = await poll();
		for (const item of reported ?? []) {
			const json = item.json as { objectId: string; eventDate: string; raw: { Id: string; ProgenyEditDate: string } };
			expect(json.objectId).toBe(json.raw.Id);
			expect(json.eventDate).toBe(json.raw.ProgenyEditDate);
			const key = `${json.objectId}|${json.eventDate}`;
			tally.emitted.set(key, (tally.emitted.get(key) ?? 0) + 1);
		}

		// Between polls: another page size (the node edited), sometimes an n8n restart too.
		size = nextSize;
		nextSize = pageSize(random);
		tally.pageSizes.push(size);
		if (random() < 0.3) {
			clearCachedInstances();
			tally.restarts++;
		}
		workflow = workflow.restart(parametersWith(size));
	}
	tally.phases.push(`${label} (${phaseChanges} changes, ${round} rounds)`);
}

function figures() {
	let lost = 0;
	for (const key of tally.expected) if (!tally.emitted.has(key)) lost++;
	let duplicated = 0;
	let unexpected = 0;
	for (const [key, count] of tally.emitted) {
		if (count > 1) duplicated += count - 1;
		if (!tally.expected.has(key)) unexpected++;
	}
	return { lost, duplicated, unexpected };
}

describe('fault campaign: polling', () => {
	jest.setTimeout(600_000);

	it.each([
		['server clock 5 minutes ahead', 5 * 60_000, 1],
		['server clock level', 0, 2],
		['server clock 5 minutes behind', -5 * 60_000, 3],
	])('loses and repeats nothing: %s', async (label, skewMs, phase) => {
		await runPhase(label, skewMs, Number(process.env.CAMPAIGN_POLL_CHANGES ?? 4_000), CAMPAIGN_SEED + phase);
		const { lost, duplicated, unexpected } = figures();
		expect({ lost, duplicated, unexpected, failedPollsThatMovedState: tally.failedPollsThatMovedState }).toEqual({
			lost: 0,
			duplicated: 0,
			unexpected: 0,
			failedPollsThatMovedState: 0,
		});
	});

	afterAll(() => {
		if (tally.phases.length === 0) return;
		const { lost, duplicated, unexpected } = figures();
		const detail =
			`${tally.changes.toLocaleString('en-US')} changes (${tally.lateChanges} late, ${tally.sharedTimestampChanges} sharing a timestamp), ` +
			`${tally.expected.size.toLocaleString('en-US')} versions visible to polls; ${tally.polls} polls (${tally.failedPolls} failed and retried, ` +
			`${tally.failedPollsThatMovedState} of them moved state), ${tally.requests.toLocaleString('en-US')} requests of which ${tally.faultedRequests} failed ` +
			`(${((100 * tally.faultedRequests) / Math.max(1, tally.requests)).toFixed(1)}%; ${tally.hungRequests} of them hung past the ${REQUEST_TIMEOUT_SECONDS} s timeout) ` +
			`and ${tally.slowRequests} were slow; page sizes ` +
			`${Math.min(...tally.pageSizes)}-${Math.max(...tally.pageSizes)}; ${tally.restarts} restarts; ${unexpected} reported versions that never existed; ` +
			`phases: ${tally.phases.join('; ')}; seed ${CAMPAIGN_SEED}`;
		const note = tally.notes.length ? tally.notes.join(' | ') : undefined;
		writeFigures([
			{ name: 'poll_lost', value: lost, detail, note },
			{ name: 'poll_duplicated', value: duplicated, detail, note },
		]);
	});
});
