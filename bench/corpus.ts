/**
 * A realistic, reproducible corpus for the benchmarks: raw ShareFile items as Cloud Elements'
 * poll endpoint returns them (PascalCase fields, OData annotations, ISO dates with milliseconds,
 * a few hundred bytes to a few KB each), the page bodies a poll reads, and Cloud Elements event
 * deliveries (polling-type envelopes carrying up to 10 raw items, webhook-type ones carrying
 * ShareFile's own webhook body).
 */

import { seededRandom } from '../test/harness/seededRandom';

const HEX = '0123456789abcdef';
const WORDS = [
	'quarterly', 'report', 'invoice', 'contract', 'draft', 'final', 'budget', 'summary', 'minutes',
	'proposal', 'scan', 'photo', 'signed', 'review', 'archive', 'customer', 'supplier', 'plan',
	'roadmap', 'audit', 'payroll', 'export', 'backup', 'design', 'spec', 'notes', 'q1', 'q2', 'q3', 'q4',
];
const EXTENSIONS = ['pdf', 'docx', 'xlsx', 'pptx', 'txt', 'png', 'jpg', 'csv', 'zip'];
const FOLDERS = ['/top', '/top/Reports', '/top/Finance/2024', '/top/Legal/Contracts', '/top/Shared/Design', '/top/Projects/Apollo/Docs'];
const PEOPLE: Array<[string, string]> = [['Ada', 'Lovelace'], ['Grace', 'Hopper'], ['Alan', 'Turing'], ['Edsger', 'Dijkstra'], ['Barbara', 'Liskov']];

function hexId(random: () => number, prefix: string): string {
	let id = prefix;
	for (let i = 0; i < 32; i++) id += HEX[Math.floor(random() * 16)];
	return id;
}

function words(random: () => number, count: number): string {
	const out: string[] = [];
	for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]);
	return out.join(' ');
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface ItemOptions {
	random: () => number;
	/** ProgenyEditDate, epoch ms. */
	updatedMs: number;
	/** CreationDate, epoch ms (≤ updatedMs). */
	createdMs: number;
	id?: string;
}

/**
 * One raw ShareFile item. Sizes vary the way real ones do: most are a few hundred bytes, some
 * carry long descriptions or extra annotations and reach a few KB.
 */
export function shareFileItem({ random, updatedMs, createdMs, id }: ItemOptions): Record<string, unknown> {
	const folder = random() < 0.12;
	const type = folder ? 'ShareFile.Api.Models.Folder' : 'ShareFile.Api.Models.File';
	const name = folder
		? words(random, 1 + Math.floor(random() * 2)).replace(/ /g, '-')
		: `${words(random, 1 + Math.floor(random() * 3)).replace(/ /g, '_')}.${EXTENSIONS[Math.floor(random() * EXTENSIONS.length)]}`;
	const [first, last] = PEOPLE[Math.floor(random() * PEOPLE.length)];
	const size = random();
	// ~70% short, ~25% a paragraph, ~5% long notes (a few KB).
	const description = size < 0.7 ? '' : size < 0.95 ? words(random, 10 + Math.floor(random() * 40)) : words(random, 200 + Math.floor(random() * 400));
	const item: Record<string, unknown> = {
		'odata.metadata': `https://acme.sf-api.com/sf/v3/$metadata#Items/${type}@Element`,
		'odata.type': type,
		Id: id ?? hexId(random, folder ? 'fo' : 'fi'),
		Name: name,
		FileName: name,
		Path: FOLDERS[Math.floor(random() * FOLDERS.length)],
		Parent: { Id: hexId(random, 'fo') },
		CreationDate: iso(createdMs),
		ProgenyEditDate: iso(updatedMs),
		FileSizeBytes: Math.floor(random() * 50_000_000),
		CreatorNameShort: `${first} ${last[0]}.`,
		CreatorFirstName: first,
		CreatorLastName: last,
		StreamID: hexId(random, 'st'),
		Hash: folder ? '' : hexId(random, '').slice(0, 32),
		Description: description,
		ExpirationDate: '9999-12-31T23:59:59.9999999Z',
		IsHidden: false,
		HasPreview: random() < 0.5,
		VirusStatus: 'NoVirus',
		IsPinned: false,
		Zone: { Id: 'zsb0c3c7-2d52-4b31-9f1f-3b6a4f0e8f0a', 'url': 'https://acme.sf-api.com/sf/v3/Zones(zsb0c3c7)' },
	};
	if (folder) item.FileCount = Math.floor(random() * 200);
	if (random() < 0.1) {
		item.Info = {
			IsAHomeFolder: false, IsAStartFolder: false, IsSharedFolder: random() < 0.5, IsPassthrough: false,
			CanAddFolder: true, CanAddNode: true, CanView: true, CanDownload: true, CanUpload: true, CanSend: true,
			CanDeleteCurrentItem: true, CanDeleteChildItems: true, CanManagePermissions: random() < 0.3,
			CanCreateOfficeDocuments: true, FolderPayID: '', ShowFolderPayBuyButton: false,
		};
	}
	return item;
}

export interface PollCorpus {
	/** The JSON text of each page, as it arrives over the wire. */
	bodies: string[];
	records: number;
	bytes: number;
	/** The poll's floor: every record is updated after it. */
	floorMs: number;
}

export const CORPUS_START_MS = Date.UTC(2024, 2, 5, 14, 0, 0);

/**
 * The pages of one poll over `records` changes, ordered by ProgenyEditDate then Id as the poll
 * endpoint orders them. About a third of the records share their timestamp with a neighbour (bulk
 * uploads land in the same millisecond); about 40% were created well before their update.
 */
export function pollCorpus(records: number, pageSize: number, seed = 42): PollCorpus {
	const random = seededRandom(seed);
	const bodies: string[] = [];
	let bytes = 0;
	let time = CORPUS_START_MS + 1000;
	let page: Record<string, unknown>[] = [];
	for (let i = 0; i < records; i++) {
		if (random() > 0.33) time += 1 + Math.floor(random() * 900);
		const createdMs = random() < 0.4 ? time - Math.floor(random() * 90 * 86_400_000) : time;
		page.push(shareFileItem({ random, updatedMs: time, createdMs }));
		if (page.length === pageSize || i === records - 1) {
			const body = JSON.stringify(page);
			bytes += body.length;
			bodies.push(body);
			page = [];
		}
	}
	return { bodies, records, bytes, floorMs: CORPUS_START_MS };
}

/**
 * One body of ShareFile's own webhooks (SHAREFILE_API.md §3.2: ids only, no event id), for a
 * change to a file at `time`: an upload, update, deletion or download.
 */
function shareFileWebhookPayload(random: () => number, time: number) {
	const operation = ['Upload', 'Update', 'Delete', 'Download'][Math.floor(random() * 4)] as 'Upload' | 'Update' | 'Delete' | 'Download';
	const resourceId = hexId(random, 'fi');
	const payload = {
		WebhookSubscriptionId: hexId(random, 'ws'),
		AccountInfo: { AccountId: hexId(random, 'a'), Subdomain: 'acme', AppControlPlane: 'sharefile.com', ApiControlPlane: 'sf-api.com' },
		Event: {
			Timestamp: iso(time),
			OperationName: operation,
			ResourceType: 'File',
			Resource: { Id: resourceId, Parent: { Id: hexId(random, 'fo') } },
			Principal: { Id: hexId(random, 'u'), Email: 'ada@acme.example', Name: 'Ada Lovelace' },
		},
	};
	return { payload, operation, resourceId };
}

/** Bodies of ShareFile's own webhook deliveries, as its servers POST them (one change each). */
export function shareFileWebhookCorpus(count: number, seed = 11): { bodies: string[]; bytes: number } {
	const random = seededRandom(seed);
	const bodies: string[] = [];
	let time = CORPUS_START_MS;
	for (let n = 0; n < count; n++) {
		time += Math.floor(random() * 5000);
		bodies.push(JSON.stringify(shareFileWebhookPayload(random, time).payload));
	}
	return { bodies, bytes: bodies.reduce((sum, body) => sum + body.length, 0) };
}

export interface DeliveryCorpus {
	bodies: string[];
	/** One Elements-Webhook-Id per body. */
	ids: string[];
	events: number;
	bytes: number;
}

/**
 * Deliveries as Cloud Elements POSTs them: half polling-type envelopes (1 to 10 events, `raw`
 * holding the polled ShareFile items, repeated whole in each delivery), half webhook-type ones
 * (one event, `raw` being ShareFile's webhook body).
 */
export function deliveryCorpus(count: number, seed = 7): DeliveryCorpus {
	const random = seededRandom(seed);
	const bodies: string[] = [];
	const ids: string[] = [];
	let events = 0;
	let bytes = 0;
	let time = CORPUS_START_MS;
	for (let n = 0; n < count; n++) {
		time += Math.floor(random() * 5000);
		const id = String(1_500_000 + n);
		const polling = n % 2 === 0;
		let raw: unknown;
		let list: Array<Record<string, unknown>>;
		if (polling) {
			const items = Array.from({ length: 1 + Math.floor(random() * 10) }, (_, i) =>
				shareFileItem({ random, updatedMs: time + i, createdMs: random() < 0.5 ? time + i : time - 86_400_000 }),
			);
			raw = { documents: items, pollDate: time + 60_000, objectType: 'documents' };
			list = items.map((item) => ({
				eventType: item.CreationDate === item.ProgenyEditDate ? 'CREATED' : 'UPDATED',
				objectType: 'documents',
				objectId: item.Id,
				elementKey: 'sharefile',
				hubKey: 'documents',
				date: iso(Date.parse(String(item.ProgenyEditDate))).replace(/\.\d{3}Z$/, 'Z'),
				pollDate: iso(time + 60_000).replace(/\.\d{3}Z$/, 'Z'),
			}));
		} else {
			const { payload, operation, resourceId } = shareFileWebhookPayload(random, time);
			raw = payload;
			list = [{
				eventType: { Upload: 'CREATED', Update: 'UPDATED', Delete: 'DELETED', Download: 'RETRIEVED' }[operation],
				objectType: 'File',
				objectId: resourceId,
				elementKey: 'sharefile',
				hubKey: 'documents',
				date: iso(time).replace(/\.\d{3}Z$/, 'Z'),
			}];
		}
		const body = JSON.stringify({
			severity: 'medium',
			createdDate: new Date(time + 61_000).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 UTC $4'),
			topic: 'instance-4242-sharefile-events',
			action: 'create',
			id,
			user: 'notifications@cloud-elements.com',
			message: {
				elementKey: 'sharefile', accountId: 874, companyId: 291, userId: 2749,
				eventId: hexId(random, 'AWV').slice(0, 20),
				instanceId: 4242, instance_id: 4242,
				instanceName: 'ShareFile prod', instanceTags: ['prod'],
				raw,
				events: list,
			},
		});
		bodies.push(body);
		ids.push(id);
		events += list.length;
		bytes += body.length;
	}
	return { bodies, ids, events, bytes };
}
