/**
 * What a reader of the Markdown files follows: relative links, the #anchors GitHub makes from
 * headings, and the `npm` commands the text tells them to type. Read from the text itself, so the
 * docs test needs no Markdown parser.
 */

/** Fenced blocks hold commands and JSON, not links or headings: blanked, line count kept. */
export function withoutFences(text: string): string {
	let fence: string | undefined;
	return text
		.split('\n')
		.map((line) => {
			const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
			if (fence === undefined && marker) {
				fence = marker[0];
				return '';
			}
			if (fence !== undefined) {
				if (marker && marker[0] === fence) fence = undefined;
				return '';
			}
			return line;
		})
		.join('\n');
}

/**
 * GitHub's anchor for a heading (github-slugger): the rendered text lower-cased, every character
 * that is not a letter, mark, digit, `_`, `-` or space dropped, spaces turned into hyphens.
 */
export function slug(heading: string): string {
	return heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** The anchors of a Markdown text: its headings' slugs (a repeated one gets -1, -2, …) and HTML ids. */
export function anchorsOf(text: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const line of withoutFences(text).split('\n')) {
		const heading = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
		if (heading !== undefined) {
			const base = slug(heading);
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			anchors.add(count === 0 ? base : `${base}-${count}`);
		}
		for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
	}
	return anchors;
}

/** Every link and image target outside code, with its line: `](target)` and `[label]: target`. */
export function linkTargets(text: string): Array<{ target: string; line: number }> {
	const found: Array<{ target: string; line: number }> = [];
	withoutFences(text)
		.split('\n')
		.forEach((raw, index) => {
			const line = raw.replace(/`[^`]*`/g, '');
			for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
				found.push({ target: m[1], line: index + 1 });
			}
			const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
			if (definition) found.push({ target: definition[1], line: index + 1 });
		});
	return found;
}

/** Links that leave the repository (a scheme such as https: or mailto:, or //host). */
export const isExternal = (target: string) => /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(target);

/**
 * The package.json scripts a text names: `npm start`, `npm test`, `npm run <name>` (also inside
 * code blocks, where most commands are). npm's own commands (`npm ci`, `npm pack`, …) are not scripts.
 */
export function npmScriptsNamed(text: string): string[] {
	const names = new Set<string>();
	for (const m of text.matchAll(/\bnpm\s+(?:(start|test)\b|run(?:-script)?\s+(?:--?[\w-]+\s+)*([\w:.-]+))/g)) {
		names.add(m[1] ?? m[2]);
	}
	return [...names];
}
