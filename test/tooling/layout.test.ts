import fs from 'fs';
import path from 'path';

// The folders are the architecture: the engine knows nothing of n8n, the shared n8n-facing code
// knows neither backend, and the two backends never reach into each other.
const NODES = path.join(__dirname, '..', '..', 'nodes');

function sourceFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => {
		const spec = m[1];
		return spec.startsWith('.') ? path.relative(NODES, path.resolve(path.dirname(file), spec)) : spec;
	});
}

const rules: Array<[folder: string, forbidden: RegExp]> = [
	['engine', /^(n8n-workflow|n8n-core|shared\/|cloudElements\/|shareFile\/|[A-Z])/],
	['shared', /^(cloudElements\/|shareFile\/|[A-Z])/],
	['cloudElements', /^(shareFile\/|[A-Z])/],
	['shareFile', /^(cloudElements\/|[A-Z])/],
];

describe('nodes/ layout', () => {
	it.each(rules)('nodes/%s imports nothing it must not', (folder, forbidden) => {
		const files = sourceFiles(path.join(NODES, folder));
		if (folder !== 'shareFile') expect(files.length).toBeGreaterThan(0);
		const offending = files.flatMap((file) =>
			importsOf(file)
				.filter((target) => forbidden.test(target))
				.map((target) => `${path.relative(NODES, file)} -> ${target}`),
		);
		expect(offending).toEqual([]);
	});
});
