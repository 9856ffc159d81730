/** Replaces every occurrence of the given secrets in text; short or empty values are left alone. */
export function redactSecrets(text: string, secrets: Iterable<unknown>): string {
	let result = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		result = result.split(secret).join('********');
	}
	return result;
}

/** A function that gives a value as text with the secrets replaced, or undefined for no value. */
export function secretCleaner(secrets: Iterable<unknown>): (value: unknown) => string | undefined {
	const secretList = [...secrets];
	return (value) => (value === undefined || value === null ? undefined : redactSecrets(String(value), secretList));
}
