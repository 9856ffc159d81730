/** Replaces every occurrence of the given secrets in text; short or empty values are left alone. */
export function redactSecrets(text: string, secrets: Iterable<unknown>): string {
	let result = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		result = result.split(secret).join('********');
	}
	return result;
}
