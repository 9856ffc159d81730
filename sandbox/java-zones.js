// @ts-check
'use strict';

const table = require('./java-zone-names.json');

/**
 * Time zones the way java.util.TimeZone.getTimeZone(id) sees them: offsets come from the zone rules
 * Node's Intl carries (the same tz database Java uses), names from the table Java printed
 * (`sandbox/tools/generate-java-data.js`), and an id Java does not know falls back to GMT, as Java does.
 * @typedef {{ id: string, offsetAt: (epochMs: number) => number, names: [string, string, string, string],
 *   isDaylight: (epochMs: number) => boolean }} JavaZone
 */

const ZONES = /** @type {Record<string, [string, number, string, string, string, string]>} */ (/** @type {unknown} */ (table.zones));
const NAME_OFFSETS = /** @type {Record<string, number>} */ (table.nameOffsets);
const HOUR = 3600000;

/** @type {Map<string, JavaZone>} */
const cache = new Map();

/** @param {string} id @param {number} offsetMs @param {[string, string, string, string]} names @returns {JavaZone} */
function fixedZone(id, offsetMs, names) {
	return { id, offsetAt: () => offsetMs, names, isDaylight: () => false };
}

/**
 * Offsets of a tz-database zone through Intl: `longOffset` prints GMT, GMT+05:30 or GMT-04:56:02.
 * @param {string} rulesId
 */
function intlOffsets(rulesId) {
	const format = new Intl.DateTimeFormat('en-US', { timeZone: rulesId, timeZoneName: 'longOffset', year: 'numeric' });
	/** @param {number} epochMs */
	return (epochMs) => {
		const name = format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value || 'GMT';
		const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name);
		if (!match || !match[1]) return 0;
		const ms = (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] || 0)) * 1000;
		return match[1] === '-' ? -ms : ms;
	};
}

/**
 * Java's custom ids: exactly `GMT`, a sign, hours (0-23) and optional minutes, as `h`, `hh`, `hmm`,
 * `hhmm` or `hh:mm`. Anything else (`gmt+5`, `GMT+24:00`) is not custom, and not known: GMT.
 * @param {string} id
 */
function customZone(id) {
	const match = /^GMT([+-])(\d{1,2})(?::(\d{2})|(\d{2}))?$/.exec(id);
	if (!match) return undefined;
	const hours = Number(match[2]);
	const minutes = Number(match[3] ?? match[4] ?? 0);
	if (hours > 23 || minutes > 59) return undefined;
	const ms = (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60000;
	const normalized = `GMT${match[1]}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
	return fixedZone(normalized, ms, [normalized, normalized, normalized, normalized]);
}

/**
 * @param {string} id as given in a pattern variable or a dates configuration
 * @returns {JavaZone}
 */
function javaZone(id) {
	const known = cache.get(id);
	if (known) return known;
	let zone = customZone(id);
	const row = ZONES[id];
	if (!zone && row) {
		const [rules, , ...rowNames] = row;
		const names = /** @type {[string, string, string, string]} */ (rowNames);
		if (/^[+-]\d{2}:\d{2}$/.test(rules)) {
			const sign = rules[0] === '-' ? -1 : 1;
			zone = fixedZone(id, sign * (Number(rules.slice(1, 3)) * HOUR + Number(rules.slice(4)) * 60000), names);
		} else if (rules === 'Z') {
			zone = fixedZone(id, 0, names);
		} else {
			let offsetAt;
			try {
				offsetAt = intlOffsets(rules);
			} catch {
				offsetAt = () => 0;
			}
			zone = { id, offsetAt, names, isDaylight: daylightTest(offsetAt) };
		}
	}
	zone ??= javaZone('GMT');
	cache.set(id, zone);
	return zone;
}

/**
 * Java prints the daylight name when the calendar's DST offset is not 0. Intl gives only the total
 * offset, so an instant is taken as daylight time when its offset (in whole minutes, as Java shows
 * it) is above the standard offset, estimated as the smaller of the offsets on January 1 and July 1
 * of its year (either hemisphere). Years of year-round DST (Cuba 2004-2006) or a moving standard
 * offset (Argentina 1954) can still differ from Java; Java's current raw offset does not help there
 * (it would call London's year-round +1 of 1970 summer time, where Java says GMT).
 * @param {(epochMs: number) => number} offsetAt
 */
function daylightTest(offsetAt) {
	const minutes = (/** @type {number} */ ms) => Math.trunc(ms / 60000);
	return (/** @type {number} */ epochMs) => {
		const year = new Date(epochMs).getUTCFullYear();
		const standard = Math.min(minutes(offsetAt(Date.UTC(year, 0, 1))), minutes(offsetAt(Date.UTC(year, 6, 1))));
		return minutes(offsetAt(epochMs)) > standard;
	};
}

/**
 * Reads a zone name at `start` of `text` the way SimpleDateFormat's `z` does: the formatter's own
 * zone's names first, then every name Java knows (longest match, any case).
 * @param {string} text @param {number} start @param {JavaZone} own
 * @returns {{ end: number, offsetMs: number } | undefined}
 */
function readZoneName(text, start, own) {
	const [stdShort, stdLong, dstShort, dstLong] = own.names;
	const year = new Date().getUTCFullYear();
	const standard = Math.min(own.offsetAt(Date.UTC(year, 0, 1)), own.offsetAt(Date.UTC(year, 6, 1)));
	const daylight = Math.max(own.offsetAt(Date.UTC(year, 0, 1)), own.offsetAt(Date.UTC(year, 6, 1)));
	/** @type {Array<[string, number]>} */
	const ownNames = [
		[stdLong, standard],
		[stdShort, standard],
		[dstLong, daylight === standard ? standard + HOUR : daylight],
		[dstShort, daylight === standard ? standard + HOUR : daylight],
	];
	const rest = text.slice(start).toLowerCase();
	for (const [name, offsetMs] of ownNames) {
		if (name && rest.startsWith(name.toLowerCase())) return { end: start + name.length, offsetMs };
	}
	let best;
	for (const [name, offsetMs] of Object.entries(NAME_OFFSETS)) {
		if (rest.startsWith(name.toLowerCase()) && (!best || name.length > best.end - start)) best = { end: start + name.length, offsetMs };
	}
	return best;
}

module.exports = { javaZone, readZoneName };
