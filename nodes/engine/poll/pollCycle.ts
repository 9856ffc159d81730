import { isoDate, parseIsoInstant } from '../isoDate';
import { javaDateFastParser, javaDateMsParser } from '../javaDate';
import type { NormalizedEvent } from '../normalizedEvent';
import { ChangeKeySet, hashNumber, hashText, idHashNumber } from './changeKey';
import { classifyChange } from './classify';
import { readDotPath } from './dotPath';
import { isUnderPath } from './pathPrefix';
import type { PollEventContext, PollEventFilter } from './pollEvents';
import { ISO_8601, type DateField, type PollSettings } from './pollSettings';
import { decodeEdge, nextPollState, type EdgeChange, type PollState } from './pollState';

/** A record the poll could not read: names the record, the field, the text and the fix. */
export class PollRecordError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PollRecordError';
	}
}

export interface FoundChange {
	objectId: string;
	eventType: 'CREATED' | 'UPDATED';
	updatedMs: number;
	record: unknown;
}

/** Reads a record's date field as epoch ms (undefined when the field is empty). */
interface DateReader {
	read(record: unknown, id: string): number | undefined;
	/**
	 * After a read: the field's text when it is exactly what `new Date(ms).toISOString()` gives
	 * for the value read (ShareFile's own format), so an event can reuse it; otherwise undefined.
	 */
	isoText: string | undefined;
	/** After a read: the text read (undefined when the field was empty). */
	text: string | undefined;
}

const ISO_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

function dateReader(objectType: string, date: DateField | undefined, label: string): DateReader {
	const reader: DateReader = { read: () => undefined, isoText: undefined, text: undefined };
	if (!date) return reader;
	// Made on first use, so a pattern or zone that cannot work fails on a record, as before.
	let parsers: { fast: ((text: string) => number) | undefined; general: (text: string) => number; iso: boolean } | undefined;
	reader.read = (record, id) => {
		reader.isoText = undefined;
		reader.text = undefined;
		const value = readDotPath(record, date.field);
		if (value === undefined || value === null || value === '') return undefined;
		const text = typeof value === 'string' ? value : String(value);
		reader.text = text;
		let failure: Error;
		if (date.format === ISO_8601) {
			const ms = parseIsoInstant(text);
			if (ms === ms) {
				if (text.length === 24 && isoDate(ms) === text) reader.isoText = text;
				return ms;
			}
			failure = new Error('not an ISO 8601 date and time');
		} else {
			try {
				if (parsers === undefined) {
					const fast = javaDateFastParser(date.format, date.timeZone);
					parsers = {
						fast: fast?.parse,
						general: javaDateMsParser(date.format, date.timeZone),
						iso: date.format === ISO_PATTERN && fast?.offset === 0,
					};
				}
				if (parsers.fast !== undefined) {
					const ms = parsers.fast(text);
					if (ms === ms) {
						// The fast way read the canonical layout: 24 characters are the ISO text itself.
						if (parsers.iso && text.length === 24) reader.isoText = text;
						return ms;
					}
				}
				return parsers.general(text);
			} catch (error) {
				failure = error as Error;
			}
		}
		throw new PollRecordError(
			`Record "${id}" of ${objectType}: ${date.field} "${text}" does not match the ${label} Date Format ${date.format} (${failure.message}). Fix the ${label} Date Format or Field.`,
		);
	};
	return reader;
}

/**
 * One poll of one resource. Pages are fed in as they arrive; nothing counts until `finish`,
 * so a poll that fails part-way reports nothing and leaves the state as it was.
 *
 * A poll can read 100,000 records, so what it keeps per change found is one slot in each of a
 * few columns (no object, no string of its own): the record, its id, the updated text when that
 * is already in ISO form, whether it was created and its updated time. The last two are typed
 * arrays, grown by doubling, whose storage lies outside the JavaScript heap: the garbage
 * collector has less to copy. Only their first `ids.length` entries are in use.
 */
export class PollCycle {
	private readonly remembered = new ChangeKeySet();

	private readonly records: unknown[] = [];

	private readonly ids: string[] = [];

	private readonly isoDates: Array<string | undefined> = [];

	/** 1 for CREATED, 0 for UPDATED. */
	private created = new Uint8Array(256);

	private updated = new Float64Array(256);

	/** Whether the changes arrived oldest first (the poll endpoint's order). */
	private inOrder = true;

	private readonly readUpdated: DateReader;

	private readonly readCreated: DateReader;

	private upperBoundMs: number | undefined;

	/** The span of the remembered changes' times: outside it, none can match. */
	private rememberedFrom = Infinity;

	private rememberedTo = -Infinity;

	constructor(
		private readonly settings: PollSettings,
		private readonly state: PollState,
	) {
		for (const change of decodeEdge(state)) {
			this.remembered.add(hashNumber(change.hash), change.updatedMs);
			if (change.updatedMs < this.rememberedFrom) this.rememberedFrom = change.updatedMs;
			if (change.updatedMs > this.rememberedTo) this.rememberedTo = change.updatedMs;
		}
		this.readUpdated = dateReader(settings.objectType, settings.updated, 'Updated');
		this.readCreated = dateReader(settings.objectType, settings.created, 'Created');
	}

	/** The time the poll URL's date variables are rendered with. */
	get since(): Date {
		return new Date(this.state.floor - this.settings.pollDelayMs);
	}

	/** The poll's start by the server's clock: with filterByCurrentDate, newer changes wait. */
	setServerStart(serverNowMs: number): void {
		this.upperBoundMs ??= serverNowMs;
	}

	acceptPage(records: readonly unknown[]): void {
		const { settings, remembered, readCreated, readUpdated, rememberedFrom, rememberedTo } = this;
		const floor = this.state.floor;
		const upper = settings.filterByCurrentDate ? this.upperBoundMs : undefined;
		const filterByUpdatedDate = settings.filterByUpdatedDate;
		const tolerance = settings.createdCheckToleranceMs;
		const { created: createdDate, updated: updatedDate } = settings;
		const sameDates =
			createdDate !== undefined &&
			updatedDate !== undefined &&
			createdDate.format === updatedDate.format &&
			createdDate.timeZone === updatedDate.timeZone;
		const updatedField = updatedDate?.field ?? '';
		const { ids, isoDates } = this;
		const found = this.records;
		if (ids.length + records.length > this.updated.length) this.grow(ids.length + records.length);
		const { created, updated } = this;
		let newest = ids.length > 0 ? updated[ids.length - 1] : -Infinity;
		for (let i = 0; i < records.length; i++) {
			const record = records[i];
			const rawId = readDotPath(record, settings.idField);
			if (rawId === undefined || rawId === null || rawId === '') {
				throw new PollRecordError(
					`A record of ${settings.objectType} has no ${settings.idField}. Fix the ID Field (ShareFile records use Id).`,
				);
			}
			const objectId = typeof rawId === 'string' ? rawId : String(rawId);
			const createdMs = readCreated.read(record, objectId);
			let updatedMs: number | undefined;
			let isoText: string | undefined;
			if (sameDates && createdMs !== undefined && readDotPath(record, updatedField) === readCreated.text) {
				// A new item: both dates the same text in the same format, so the same instant.
				updatedMs = createdMs;
				isoText = readCreated.isoText;
			} else {
				updatedMs = readUpdated.read(record, objectId);
				isoText = readUpdated.isoText;
			}
			if (updatedMs === undefined) {
				updatedMs = createdMs;
				isoText = readCreated.isoText;
			}
			if (updatedMs === undefined) {
				throw new PollRecordError(
					`Record "${objectId}" of ${settings.objectType} has no ${settings.updated?.field ?? 'date'} value. Fix the Updated Date Field.`,
				);
			}
			if (upper !== undefined && updatedMs > upper) continue;
			if (filterByUpdatedDate) {
				if (updatedMs < floor) continue;
				// Reported by an earlier poll (the hash is worked out only where one could match).
				if (updatedMs >= rememberedFrom && updatedMs <= rememberedTo && remembered.has(idHashNumber(objectId), updatedMs)) continue;
			}
			// A change found twice (pages shift when items change mid-poll) is dropped in finish.
			const at = ids.length;
			found.push(record);
			ids.push(objectId);
			created[at] = classifyChange(createdMs, updatedMs, tolerance) === 'CREATED' ? 1 : 0;
			updated[at] = updatedMs;
			isoDates.push(isoText);
			if (updatedMs < newest) this.inOrder = false;
			else newest = updatedMs;
		}
	}

	/** Room for at least `size` changes. */
	private grow(size: number): void {
		let capacity = this.updated.length;
		while (capacity < size) capacity *= 2;
		const inUse = this.ids.length;
		const created = new Uint8Array(capacity);
		created.set(this.created.subarray(0, inUse));
		const updated = new Float64Array(capacity);
		updated.set(this.updated.subarray(0, inUse));
		this.created = created;
		this.updated = updated;
	}

	/**
	 * The found changes in output order — oldest first, ties in the order read — with each
	 * change found a second time dropped (its first sighting stays). A change seen twice has
	 * the same time, so in that order its sightings are neighbours: only runs of changes
	 * sharing a time are compared, by id.
	 */
	private settle(): Uint32Array {
		const { updated, ids } = this;
		const n = ids.length;
		const order = new Uint32Array(n);
		for (let i = 0; i < n; i++) order[i] = i;
		if (!this.inOrder) order.sort((a, b) => updated[a] - updated[b] || a - b);
		let kept = 0;
		for (let k = 0; k < n; ) {
			let end = k + 1;
			while (end < n && updated[order[end]] === updated[order[k]]) end++;
			if (end - k === 1) {
				order[kept++] = order[k];
			} else if (end - k <= 8) {
				const runStart = kept;
				for (let j = k; j < end; j++) {
					const id = ids[order[j]];
					let seen = false;
					for (let m = runStart; m < kept && !seen; m++) seen = ids[order[m]] === id;
					if (!seen) order[kept++] = order[j];
				}
			} else {
				const seen = new Set<string>();
				for (let j = k; j < end; j++) {
					const id = ids[order[j]];
					if (seen.has(id)) continue;
					seen.add(id);
					order[kept++] = order[j];
				}
			}
			k = end;
		}
		return order.subarray(0, kept);
	}

	private nextState(output: Uint32Array): PollState {
		const { updated, ids, settings } = this;
		let watermark = this.state.watermark;
		for (let i = 0; i < ids.length; i++) if (updated[i] > watermark) watermark = updated[i];
		// Only changes at or above the next floor can be remembered: the others are not even
		// written out (nextPollState would drop them at once). Listed in the order read.
		const nextFloor = Math.max(this.state.floor, watermark - settings.overlapMs);
		const remembered = output.filter((i) => updated[i] >= nextFloor).sort((a, b) => a - b);
		const edge: EdgeChange[] = decodeEdge(this.state);
		for (const i of remembered) edge.push({ hash: hashText(idHashNumber(ids[i])), updatedMs: updated[i] });
		return nextPollState(this.state, watermark, edge, settings.overlapMs, settings.maxRemembered);
	}

	/** The changes to report, oldest first, and the state to keep if they are delivered. */
	finish(): { changes: FoundChange[]; state: PollState } {
		const output = this.settle();
		const changes: FoundChange[] = Array.from(output, (i) => ({
			objectId: this.ids[i],
			eventType: this.created[i] === 1 ? 'CREATED' : 'UPDATED',
			updatedMs: this.updated[i],
			record: this.records[i],
		}));
		return { changes, state: this.nextState(output) };
	}

	/**
	 * What `finish` gives, already made into the events the triggers emit (`pollEvent` of each
	 * change that passes the filter), without the intermediate change objects.
	 */
	finishEvents<T = NormalizedEvent>(
		context: PollEventContext,
		filter: PollEventFilter,
		out: T[] = [],
		/** Made of each event as it is built (the trigger's output item), instead of the event. */
		wrap?: (event: NormalizedEvent) => T,
	): { events: T[]; state: PollState } {
		const output = this.settle();
		const { records, ids, created, updated, isoDates } = this;
		const pollDate = context.pollDate.toISOString();
		const wantCreated = filter.eventTypes.includes('CREATED');
		const wantUpdated = filter.eventTypes.includes('UPDATED');
		const objectType = context.objectType;
		const elementKey = context.elementKey ?? 'sharefile';
		const hubKey = context.hubKey ?? 'documents';
		const instanceId = context.instanceId;
		const instanceName = context.instanceName;
		for (let k = 0; k < output.length; k++) {
			const i = output[k];
			const isCreated = created[i] === 1;
			if (!(isCreated ? wantCreated : wantUpdated)) continue;
			const record = records[i];
			if (filter.pathPrefix && !isUnderPath(record, filter.pathPrefix)) continue;
			const eventDate = isoDates[i] ?? isoDate(updated[i]);
			// The same shape as pollEvent, field for field.
			const event: NormalizedEvent = {
				eventType: isCreated ? 'CREATED' : 'UPDATED',
				objectType,
				objectId: ids[i],
				elementKey,
				hubKey,
				eventDate,
				pollDate,
				instanceId,
				source: 'polling',
				raw: record,
				instanceName,
			};
			out.push(wrap === undefined ? (event as unknown as T) : wrap(event));
		}
		return { events: out, state: this.nextState(output) };
	}
}
