import { compileJavaDatePattern, formatJavaDateMs, isKnownJavaTimeZone } from './javaDate';

/**
 * Cloud Elements poll URL templates: `/hubs/documents/events/poll/documents?where=
 * lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'` and the like, rendered for the time
 * the poll looks back to.
 *
 * Variables (all of the same instant):
 *   ${gmtDate:PATTERN}              Java date pattern, in GMT
 *   ${date:PATTERN}                 in the server's zone, which is GMT
 *   ${dateTimeZone:ZONE:PATTERN}    in a Java zone id; as zone ids may hold colons
 *                                   (GMT+05:30), the zone is the longest known id before a colon
 *   ${epoch}  ${epoch:s}  ${epoch:us}   milliseconds, seconds (floored), microseconds
 * A variable runs from `${` to the first `}`: quotes and colons inside are the pattern's. `$`
 * not followed by `{` is text.
 *
 * Encoding: the template is sent as written; only substituted values are encoded. In the query
 * or fragment (after the first `?` outside a variable) a value is encoded as a query component,
 * exactly encodeURIComponent (so `2024-03-05T14:00:58Z` becomes `2024-03-05T14%3A00%3A58Z` and a
 * space `%20`); in the path it is encoded as one path segment (encodeURIComponent, but `: @ $ & +
 * , ; =` stay as they are, which paths allow; `/` is encoded so a value cannot add segments).
 */

export class PollUrlError extends Error {
	constructor(
		readonly template: string,
		readonly problems: string[],
	) {
		super(`Invalid poll URL "${template}": ${problems.join('; ')}`);
		this.name = 'PollUrlError';
	}
}

type Part =
	| { kind: 'text'; text: string }
	| { kind: 'date'; pattern: string; zone: string; inQuery: boolean }
	| { kind: 'epoch'; unit: 'ms' | 's' | 'us'; inQuery: boolean };

interface Parsed {
	parts: Part[];
	problems: string[];
}

const EPOCH_UNITS: Record<string, 'ms' | 's' | 'us'> = { '': 'ms', s: 's', us: 'us' };

/** Splits `ZONE:PATTERN` at the colon after the longest known zone id. */
function splitZone(arg: string): { zone: string; pattern: string } | undefined {
	let found: { zone: string; pattern: string } | undefined;
	for (let i = arg.indexOf(':'); i >= 0; i = arg.indexOf(':', i + 1)) {
		const zone = arg.slice(0, i);
		if (isKnownJavaTimeZone(zone)) found = { zone, pattern: arg.slice(i + 1) };
	}
	return found;
}

function checkPattern(variable: string, pattern: string, problems: string[]): boolean {
	try {
		compileJavaDatePattern(pattern);
		return true;
	} catch (e) {
		problems.push(`variable "${variable}": ${(e as Error).message}`);
		return false;
	}
}

function variablePart(body: string, inQuery: boolean, problems: string[]): Part | undefined {
	const variable = '${' + body + '}';
	const colon = body.indexOf(':');
	const name = colon < 0 ? body : body.slice(0, colon);
	const arg = colon < 0 ? '' : body.slice(colon + 1);
	switch (name) {
		case 'gmtDate':
		case 'date':
			if (colon < 0 || arg === '') {
				problems.push(`variable "${variable}" needs a Java date pattern: \${${name}:PATTERN}`);
				return undefined;
			}
			return checkPattern(variable, arg, problems) ? { kind: 'date', pattern: arg, zone: 'GMT', inQuery } : undefined;
		case 'dateTimeZone': {
			const split = colon < 0 ? undefined : splitZone(arg);
			if (split === undefined) {
				problems.push(`variable "${variable}" needs a known Java time zone id and a pattern: \${dateTimeZone:ZONE:PATTERN}`);
				return undefined;
			}
			if (split.pattern === '') {
				problems.push(`variable "${variable}" needs a Java date pattern after the zone`);
				return undefined;
			}
			return checkPattern(variable, split.pattern, problems) ? { kind: 'date', pattern: split.pattern, zone: split.zone, inQuery } : undefined;
		}
		case 'epoch': {
			const unit = colon < 0 ? 'ms' : arg !== '' ? EPOCH_UNITS[arg] : undefined;
			if (unit === undefined) {
				problems.push(`variable "${variable}": unknown epoch unit "${arg}" (use \${epoch}, \${epoch:s} or \${epoch:us})`);
				return undefined;
			}
			return { kind: 'epoch', unit, inQuery };
		}
		default:
			problems.push(`unknown variable "${variable}" (known: gmtDate, date, dateTimeZone, epoch)`);
			return undefined;
	}
}

function parseTemplate(template: string): Parsed {
	const parts: Part[] = [];
	const problems: string[] = [];
	let inQuery = false;
	let text = '';
	let i = 0;
	while (i < template.length) {
		const c = template[i];
		if (c === '$' && template[i + 1] === '{') {
			const close = template.indexOf('}', i + 2);
			if (close < 0) {
				problems.push(`variable starting at position ${i} ("${template.slice(i, i + 30)}") has no closing "}"`);
				break;
			}
			if (text !== '') parts.push({ kind: 'text', text });
			text = '';
			const part = variablePart(template.slice(i + 2, close), inQuery, problems);
			if (part !== undefined) parts.push(part);
			i = close + 1;
			continue;
		}
		if (c === '?' || c === '#') inQuery = true;
		text += c;
		i++;
	}
	if (text !== '') parts.push({ kind: 'text', text });
	return { parts, problems };
}

const MAX_CACHED = 200;
const cache = new Map<string, Parsed>();

function parsed(template: string): Parsed {
	let p = cache.get(template);
	if (p === undefined) {
		p = parseTemplate(template);
		if (cache.size >= MAX_CACHED) cache.clear();
		cache.set(template, p);
	}
	return p;
}

/** Everything wrong with a template's variables and patterns; empty when it can be rendered. */
export function findPollUrlProblems(template: string): string[] {
	if (typeof template !== 'string') return ['the poll URL must be a string'];
	return [...parsed(template).problems];
}

const PATH_KEEP = /%(3A|40|24|26|2B|2C|3B|3D)/g;

function encodeValue(value: string, inQuery: boolean): string {
	const encoded = encodeURIComponent(value);
	return inQuery ? encoded : encoded.replace(PATH_KEEP, (m) => decodeURIComponent(m));
}

/** Renders a poll URL template for `since`; throws PollUrlError naming every bad variable. */
export function renderPollUrl(template: string, since: Date): string {
	const { parts, problems } = parsed(template);
	if (problems.length > 0) throw new PollUrlError(template, problems);
	const ms = since.getTime();
	if (!Number.isFinite(ms)) throw new PollUrlError(template, ['the poll time is not a valid date']);
	let out = '';
	for (const p of parts) {
		if (p.kind === 'text') {
			out += p.text;
		} else if (p.kind === 'date') {
			out += encodeValue(formatJavaDateMs(ms, p.pattern, p.zone), p.inQuery);
		} else {
			const n = p.unit === 'ms' ? ms : p.unit === 's' ? Math.floor(ms / 1000) : ms * 1000;
			out += String(n);
		}
	}
	return out;
}
