'use strict';
// The suites in a fixed order (the package first: if n8n cannot load it nothing else can pass).
const Sequencer = require('@jest/test-sequencer').default;

const ORDER = ['package', 'action-node', 'polling-trigger', 'webhook-trigger', 'documents'];
const rank = (file) => {
	const index = ORDER.findIndex((name) => file.endsWith(`${name}.e2e.js`));
	return index === -1 ? ORDER.length : index;
};

class E2eSequencer extends Sequencer {
	sort(tests) {
		return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
	}
}

module.exports = E2eSequencer;
