// @ts-check
'use strict';

const { badRequest } = require('./errors');

/**
 * @typedef {'=' | '>' | '>=' | '<' | '<='} Operator
 * @typedef {{ field: string, operator: Operator, ms: number, text: string }} Condition
 */

/** The one field the ShareFile poll endpoint filters on; it is compared with ProgenyEditDate. */
const POLL_FIELDS = ['lastmodifieddate'];

const CONDITION = /^\s*([A-Za-z_][\w.]*)\s*(>=|<=|=|>|<)\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*/;
const AND = /^\s*and\b/i;

// yyyy-MM-dd'T'HH:mm:ss, optional .S to .SSS, optional Z or ±hh:mm (±hhmm too).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads a CEQL date literal: ISO-like text (seconds or milliseconds, `Z` or an offset; no zone
 * means GMT, the zone Cloud Elements' servers run in) or epoch milliseconds.
 * @param {string} text
 * @returns {number} epoch ms
 */
function readDate(text) {
	if (/^\d+$/.test(text)) return Number(text);
	const parts = DATE_TIME.exec(text);
	if (!parts) {
		throw badRequest(`Invalid date '${text}' in where: use yyyy-MM-dd'T'HH:mm:ss'Z', with optional .SSS and a Z or +hh:mm offset, or epoch milliseconds.`);
	}
	const [, year, month, day, hour, minute, second, fraction, zone] = parts;
	if (fraction !== undefined && fraction.length > 3) {
		throw badRequest(`Invalid date '${text}' in where: at most 3 fraction digits (milliseconds) are understood.`);
	}
	const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'));
	const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
	const check = new Date(local);
	if (
		check.getUTCFullYear() !== Number(year) ||
		check.getUTCMonth() !== Number(month) - 1 ||
		check.getUTCDate() !== Number(day) ||
		check.getUTCHours() !== Number(hour) ||
		check.getUTCMinutes() !== Number(minute) ||
		check.getUTCSeconds() !== Number(second)
	) {
		throw badRequest(`Invalid date '${text}' in where: no such calendar date or time.`);
	}
	if (!zone || zone === 'Z') return local;
	const sign = zone[0] === '-' ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = Number(digits.slice(2));
	if (hours > 23 || minutes > 59) throw badRequest(`Invalid date '${text}' in where: the offset ${zone} is out of range.`);
	return local - sign * (hours * 60 + minutes) * 60000;
}

/**
 * Parses the `where` of the poll endpoint: conditions `field op 'literal'` joined by `and`.
 * Every problem is a 400 that says what is wrong.
 * @param {string} where
 * @param {string[]} [fields] field names understood (lower case)
 * @returns {Condition[]}
 */
function parseWhere(where, fields = POLL_FIELDS) {
	/** @type {Condition[]} */
	const conditions = [];
	let rest = where;
	if (rest.trim() === '') throw badRequest("The 'where' parameter is empty.");
	for (;;) {
		const match = CONDITION.exec(rest);
		if (!match) throw badRequest(`Cannot read the where clause at '${rest.trim()}': expected <field> <op> '<value>' with op one of = > >= < <=.`);
		const [whole, name, operator, single, double, bare] = match;
		const field = name.toLowerCase();
		if (!fields.includes(field)) throw badRequest(`Unsupported field '${name}' in where; this endpoint filters on ${fields.join(', ')} only.`);
		const text = single ?? double ?? bare;
		conditions.push({ field, operator: /** @type {Operator} */ (operator), ms: readDate(text), text });
		rest = rest.slice(whole.length);
		if (rest.trim() === '') return conditions;
		const and = AND.exec(rest);
		if (!and) throw badRequest(`Cannot read the where clause at '${rest.trim()}': conditions are joined with 'and'.`);
		rest = rest.slice(and[0].length);
	}
}

/**
 * The time window the conditions describe, as inclusive/exclusive bounds in epoch ms.
 * On the poll endpoint `=` means "at or after": Cloud Elements' poll URLs are written as
 * `lastmodifieddate='${gmtDate:...}'` and used as since-queries (INFERRED, see README).
 * @param {Condition[]} conditions
 */
function timeWindow(conditions) {
	let from = -Infinity;
	let fromInclusive = true;
	let to = Infinity;
	let toInclusive = true;
	/** @param {number} ms @param {boolean} inclusive */
	const raiseFrom = (ms, inclusive) => {
		if (ms > from || (ms === from && !inclusive)) [from, fromInclusive] = [ms, inclusive];
	};
	/** @param {number} ms @param {boolean} inclusive */
	const lowerTo = (ms, inclusive) => {
		if (ms < to || (ms === to && !inclusive)) [to, toInclusive] = [ms, inclusive];
	};
	for (const { operator, ms } of conditions) {
		if (operator === '=' || operator === '>=') raiseFrom(ms, true);
		else if (operator === '>') raiseFrom(ms, false);
		else if (operator === '<') lowerTo(ms, false);
		else lowerTo(ms, true);
	}
	return {
		/** @param {number} t */
		includes: (t) => (fromInclusive ? t >= from : t > from) && (toInclusive ? t <= to : t < to),
		from,
		fromInclusive,
	};
}

module.exports = { parseWhere, timeWindow, readDate };
