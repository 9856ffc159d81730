import type { IDataObject } from 'n8n-workflow';

import { useTestSandbox, type SandboxClient } from '../harness/sandboxClient';
import { byId, shareFileAccount } from '../harness/shareFile';

// FAILING ON PURPOSE (found by the e2e of npm start's fourth example, branch sf-trigger-e2e):
// ShareFile → File → Move or Rename to the path the file already has sends `PATCH Items(id)`
// with an empty body, which ShareFile (the sandbox) refuses with 400 "The request body must be a
// JSON object.", so the node fails. It happens in `npm start`: the two "move to /Processed"
// examples hear the same upload; when the Cloud Elements one moves the file first, the native
// one, which downloaded it before, then moves it to where it already is and its execution fails.
// A move to the current path has nothing to change: it should answer the item, as it is, without
// a PATCH (nodes/ShareFile/actions/file/move.operation.ts: `changes` is empty).

const sandbox = useTestSandbox();

async function place(client: SandboxClient, instanceId: number, changes: IDataObject[]) {
	const answer = await client.control('POST', `/instances/${instanceId}/documents`, { changes });
	if (answer?.message) throw new Error(answer.message);
	return answer.changes as Array<{ id: string }>;
}

describe('ShareFile → File → Move or Rename to the path it already has', () => {
	it('answers the file as it is, without an error (nothing to change)', async () => {
		const account = await shareFileAccount(sandbox());
		const [, file] = await place(sandbox(), account.instance.id, [
			{ op: 'createFolder', path: '/top/Processed' },
			{ op: 'upload', path: '/top/Processed/report.txt', content: 'report' },
		]);
		const moved = await account.run({ resource: 'file', operation: 'move', file: byId(file.id), newPath: '/top/Processed/report.txt' });
		expect(moved.error?.message).toBeUndefined();
		expect(moved.items[0].json).toMatchObject({ id: file.id, path: '/top/Processed/report.txt' });
	});
});
