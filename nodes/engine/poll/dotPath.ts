/** Reads `a.b.c` from a record; a key that itself contains dots (`odata.type`) is tried whole first. */
export function readDotPath(record: unknown, path: string): unknown {
	if (record === null || typeof record !== 'object') return undefined;
	const direct = (record as Record<string, unknown>)[path];
	if (direct !== undefined || !path.includes('.')) return direct;
	let value: unknown = record;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}
