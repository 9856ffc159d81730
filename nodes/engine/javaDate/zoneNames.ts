import { regionMatchesIgnoreCase } from './text';
import { JavaZone, ZONE_ROW_COUNT, namesOfRow, resolveJavaZone, zoneAtRow } from './zones';

/**
 * SimpleDateFormat.subParseZoneString: a zone name in the text is looked up first among the
 * names of the formatter's zone, then of the JVM default zone (GMT on Cloud Elements' servers),
 * then of every zone in Java's zone-strings order, so "IST" means India unless the formatter's
 * zone is Irish or Israeli. Within a zone Java tries long standard, short standard, long
 * daylight, short daylight, and takes the first that is a prefix of the text (ignoring case).
 */

export interface ZoneNameMatch {
	zone: JavaZone;
	length: number;
	daylight: boolean;
	/** The matched standard name is also the zone's daylight name. */
	sameName: boolean;
}

// Java's order within a row, as indexes into our [shortStd, shortDst, longStd, longDst].
const ORDER = [2, 0, 3, 1];

interface Candidate {
	row: number;
	slot: number;
	name: string;
}

let byFirstChar: Map<number, Candidate[]> | undefined;
let allCandidates: Candidate[] = [];

const keyOf = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c);

function index(): Map<number, Candidate[]> {
	if (byFirstChar === undefined) {
		byFirstChar = new Map();
		allCandidates = [];
		for (let row = 0; row < ZONE_ROW_COUNT; row++) {
			const names = namesOfRow(row);
			if (names === undefined) continue;
			for (let k = 0; k < 4; k++) {
				const name = names[ORDER[k]];
				const c: Candidate = { row, slot: k + 1, name };
				allCandidates.push(c);
				const key = keyOf(name.charCodeAt(0));
				let list = byFirstChar.get(key);
				if (list === undefined) byFirstChar.set(key, (list = []));
				list.push(c);
			}
		}
	}
	return byFirstChar;
}

function matchIn(names: readonly string[], text: string, pos: number): number {
	for (let k = 0; k < 4; k++) if (regionMatchesIgnoreCase(text, pos, names[ORDER[k]])) return k + 1;
	return 0;
}

function result(zone: JavaZone, names: readonly string[], slot: number): ZoneNameMatch {
	const name = names[ORDER[slot - 1]];
	const sameName = slot <= 2 && name.toUpperCase() === names[ORDER[slot + 1]].toUpperCase();
	return { zone, length: name.length, daylight: slot >= 3, sameName };
}

export function matchZoneName(text: string, pos: number, current: JavaZone): ZoneNameMatch | undefined {
	for (const zone of [current, resolveJavaZone('GMT')]) {
		if (zone.nameRow < 0) continue;
		const slot = matchIn(zone.names, text, pos);
		if (slot > 0) return result(zoneAtRow(zone.nameRow), zone.names, slot);
	}
	const first = text.charCodeAt(pos);
	const candidates = first < 128 ? index().get(keyOf(first)) ?? [] : (index(), allCandidates);
	for (const c of candidates) {
		if (regionMatchesIgnoreCase(text, pos, c.name)) {
			const names = namesOfRow(c.row) as readonly string[];
			// An earlier slot of the same row wins in Java; candidates are in row then slot order.
			return result(zoneAtRow(c.row), names, c.slot);
		}
	}
	return undefined;
}
