// After each test file on n8n 1.x: what n8n 1.x's own shutdown does for the one timer its
// n8n-core leaves running. Its SSH client manager (created with the first node context) starts a
// cleanup interval that is not unref'd (2.x unrefs it) and that n8n 1.x clears on shutdown;
// without this jest would never exit.
afterAll(() => {
	const { Container } = require('@n8n/di');
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	Container.get(SSHClientsManager).onShutdown();
});
