
import { useTestSandbox } from '../harness/sandboxClient';
import { byId, placeDocuments as place, shareFileAccount } from '../harness/shareFile';

// Found by npm start's examples: two workflows move the same upload to /Processed; the second
// finds it there already. A move to the file's own path changes nothing and sends no PATCH.

const sandbox = useTestSandbox();

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
