import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

/**
 * n8n's binary data service in filesystem mode, in a temporary folder, for a test file: binary
 * data then has an `id` and is read and written as streams, as in an n8n that keeps binaries
 * out of memory. Without it, binaries stay in the item (memory mode).
 */
export function useFilesystemBinaryData(): void {
	let folder: string | undefined;
	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'ce-binary-'));
		const config = Container.get(BinaryDataConfig);
		config.mode = 'filesystem';
		config.localStoragePath = folder;
		await Container.get(BinaryDataService).init();
	});
	afterAll(() => {
		if (folder) rmSync(folder, { recursive: true, force: true });
	});
}

/** The bytes of an output binary, wherever n8n keeps them. */
export async function binaryBytes(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
