// @ts-check
'use strict';

const { formatJavaDate } = require('./java-date');
const { javaZone } = require('./java-zones');

/** The zone Cloud Elements' servers run in: what `${date:...}` renders in. */
const SERVER_ZONE = 'GMT';

/**
 * `${dateTimeZone:ZONE:PATTERN}` (INFERRED syntax). A zone id may itself hold colons (GMT+05:30),
 * so the zone is the longest colon-separated prefix Java knows; failing that, the text up to the
 * first colon (an unknown zone is GMT, as in Java).
 * @param {string} rest what follows `dateTimeZone:`
 */
function splitZone(rest) {
	const colons = [...rest.matchAll(/:/g)].map((match) => /** @type {number} */ (match.index));
	for (const index of [...colons].reverse()) {
		const candidate = rest.slice(0, index);
		if (javaZone(candidate).id !== 'GMT' || candidate === 'GMT') return { zone: candidate, pattern: rest.slice(index + 1) };
	}
	const first = colons[0] ?? rest.length;
	return { zone: rest.slice(0, first), pattern: rest.slice(first + 1) };
}

/**
 * @param {string} expression what is between `${` and `}`
 * @param {number} sinceMs the last poll time minus pollDelay
 */
function renderVariable(expression, sinceMs) {
	if (expression === 'epoch') return String(sinceMs);
	if (expression === 'epoch:s') return String(Math.floor(sinceMs / 1000));
	if (expression === 'epoch:us') return String(sinceMs * 1000);
	if (expression.startsWith('gmtDate:')) return formatJavaDate(sinceMs, expression.slice('gmtDate:'.length), 'GMT');
	if (expression.startsWith('date:')) return formatJavaDate(sinceMs, expression.slice('date:'.length), SERVER_ZONE);
	if (expression.startsWith('dateTimeZone:')) {
		const { zone, pattern } = splitZone(expression.slice('dateTimeZone:'.length));
		return formatJavaDate(sinceMs, pattern, zone);
	}
	throw new Error(`Unknown poll URL variable \${${expression}}.`);
}

/**
 * Substitutes the date variables of a poll URL. A variable runs from `${` to the next `}`: its Java
 * pattern may hold quotes and colons (`'T'`, `HH:mm`). The rendered value is percent-encoded
 * (INFERRED: so a `+05:30` offset survives the query string instead of turning into a space).
 * @param {string} template e.g. `/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'`
 * @param {number} sinceMs
 */
function renderPollUrl(template, sinceMs) {
	let out = '';
	let from = 0;
	for (;;) {
		const start = template.indexOf('${', from);
		const end = start < 0 ? -1 : template.indexOf('}', start);
		if (end < 0) return out + template.slice(from);
		out += template.slice(from, start) + encodeURIComponent(renderVariable(template.slice(start + 2, end), sinceMs));
		from = end + 1;
	}
}

module.exports = { renderPollUrl };
