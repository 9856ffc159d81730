'use strict';
// The lifetime of `npm start`, `npm run start:queue` and `npm run dev`: everything stops on
// Ctrl-C or SIGTERM (exit 0), or when one n8n process exits by itself (exit 1, naming its log),
// once.

/**
 * @param {string} name         the prefix of the lines written (`start`, `start:queue`)
 * @param {string} what         what is stopping, for the line printed then
 * @param {() => Promise<void>} stopAll
 * @returns {{ stop(code: number): Promise<void>, watch(n8n): void }}
 */
function foreground(name, what, stopAll) {
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`\n${name}: stopping ${what}...\n`);
		await stopAll().catch(() => {});
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	/** Call once the process is up: its own exit then stops everything. */
	const watch = (n8n) => {
		n8n.exited.then(({ code, signal }) => {
			if (stopping) return;
			process.stderr.write(`${name}: n8n ${n8n.role} exited unexpectedly (${signal || `exit ${code}`}); see ${n8n.logFile}\n`);
			void stop(1);
		});
	};
	return { stop, watch };
}

/** Runs the start's `main`: an error it throws ends the process (exit 1) with one line. */
function runMain(name, main) {
	main().catch((error) => {
		process.stderr.write(`${name}: ${error.message}\n`);
		process.exit(1);
	});
}

module.exports = { foreground, runMain };
