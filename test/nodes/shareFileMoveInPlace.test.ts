import type { IDataObject } from 'n8n-workflow';

import { useTestSandbox, type SandboxClient } from '../harness/sandboxClient';
import { byId, shareFileAccount } from '../harness/shareFile';

// Found by npm start's examples: two workflows move the same upload to /Processed; the second
// finds it there already. A move to the file's own path changes nothing and sends no PATCH.

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
