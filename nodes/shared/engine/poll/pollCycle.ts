import { parseJavaDate } from '../javaDate';
import { idHash } from './changeKey';
import { classifyChange } from './classify';
import { readDotPath } from './dotPath';
import type { DateField, PollSettings } from './pollSettings';
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

type DateReader = (record: unknown, id: string) => number | undefined;

function dateReader(objectType: string, date: DateField | undefined, label: string): DateReader {
	if (!date) return () => undefined;
	return (record, id) => {
		const text = readDotPath(record, date.field);
		if (text === undefined || text === null || text === '') return undefined;
		try {
			return parseJavaDate(String(text), date.format, date.timeZone).getTime();
		} catch (error) {
			throw new PollRecordError(
				`Record "${id}" of ${objectType}: ${date.field} "${String(text)}" does not match the ${label} Date Format ${date.format} (${(error as Error).message}). Fix the ${label} Date Format or Field.`,
			);
		}
	};
}

/**
 * One poll of one resource. Pages are fed in as they arrive; nothing counts until `finish`,
 * so a poll that fails part-way reports nothing and leaves the state as it was.
 */
export class PollCycle {
	private readonly remembered: Set<string>;

	private readonly found: FoundChange[] = [];

	private readonly foundKeys = new Set<string>();

	private readonly readUpdated: DateReader;

	private readonly readCreated: DateReader;

	private upperBoundMs: number | undefined;

	constructor(
		private readonly settings: PollSettings,
		private readonly state: PollState,
	) {
		this.remembered = new Set(decodeEdge(state).map((change) => `${change.hash}:${change.updatedMs}`));
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
		const { settings } = this;
		const floor = this.state.floor;
		const upper = settings.filterByCurrentDate ? this.upperBoundMs : undefined;
		for (const record of records) {
			const rawId = readDotPath(record, settings.idField);
			if (rawId === undefined || rawId === null || rawId === '') {
				throw new PollRecordError(
					`A record of ${settings.objectType} has no ${settings.idField}. Fix the ID Field (ShareFile records use Id).`,
				);
			}
			const objectId = String(rawId);
			const createdMs = this.readCreated(record, objectId);
			const updatedMs = this.readUpdated(record, objectId) ?? createdMs;
			if (updatedMs === undefined) {
				throw new PollRecordError(
					`Record "${objectId}" of ${settings.objectType} has no ${settings.updated?.field ?? 'date'} value. Fix the Updated Date Field.`,
				);
			}
			if (upper !== undefined && updatedMs > upper) continue;
			const key = `${idHash(objectId)}:${updatedMs}`;
			if (this.foundKeys.has(key)) continue;
			if (settings.filterByUpdatedDate && (updatedMs < floor || this.remembered.has(key))) continue;
			this.foundKeys.add(key);
			this.found.push({
				objectId,
				eventType: classifyChange(createdMs, updatedMs, settings.createdCheckToleranceMs),
				updatedMs,
				record,
			});
		}
	}

	/** The changes to report, oldest first, and the state to keep if they are delivered. */
	finish(): { changes: FoundChange[]; state: PollState } {
		const changes = this.found.slice().sort((a, b) => a.updatedMs - b.updatedMs);
		let watermark = this.state.watermark;
		for (const change of changes) if (change.updatedMs > watermark) watermark = change.updatedMs;
		const edge: EdgeChange[] = decodeEdge(this.state);
		for (const key of this.foundKeys) {
			const colon = key.indexOf(':');
			edge.push({ hash: key.slice(0, colon), updatedMs: Number(key.slice(colon + 1)) });
		}
		const state = nextPollState(
			this.state,
			watermark,
			edge,
			this.settings.overlapMs,
			this.settings.maxRemembered,
		);
		return { changes, state };
	}
}
