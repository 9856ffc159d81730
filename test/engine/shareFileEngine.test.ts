import { parseIsoInstant } from '../../nodes/engine/isoDate';
import { PollCycle } from '../../nodes/engine/poll/pollCycle';
import { ISO_8601 } from '../../nodes/engine/poll/pollSettings';
import { initialPollState } from '../../nodes/engine/poll/pollState';
import { itemOutput, searchResultOutput, shareFileItemPath } from '../../nodes/engine/shareFile/itemOutput';
import { itemUrl } from '../../nodes/engine/shareFile/itemUrl';
import { nextSkip, pageTop } from '../../nodes/engine/shareFile/odataPaging';
import { shareFileApiBase } from '../../nodes/shareFile/transport/apiBase';

describe('OData paging (ShareFile feeds)', () => {
	it('follows a nextLink, then odata.count, then a full page', () => {
		expect(nextSkip({ received: 500, nextLink: 'x' }, { pageSize: 500, read: 500 })).toBe(500);
		expect(nextSkip({ received: 500, count: 1200 }, { pageSize: 500, read: 1000 })).toBe(1000);
		expect(nextSkip({ received: 200, count: 1200 }, { pageSize: 500, read: 1200 })).toBeUndefined();
		// A server that caps pages below $top and says how many there are: still read to the end.
		expect(nextSkip({ received: 100, count: 1200 }, { pageSize: 500, read: 100 })).toBe(100);
		// Nothing said: a full page may have more, a short one is the end.
		expect(nextSkip({ received: 500 }, { pageSize: 500, read: 500 })).toBe(500);
		expect(nextSkip({ received: 499 }, { pageSize: 500, read: 999 })).toBeUndefined();
		expect(nextSkip({ received: 0, count: 10 }, { pageSize: 500, read: 3 })).toBeUndefined();
	});

	it('stops at a limit and asks only for what is left of it', () => {
		expect(nextSkip({ received: 30, nextLink: 'x' }, { pageSize: 500, read: 30, limit: 30 })).toBeUndefined();
		expect(pageTop({ pageSize: 500, read: 0, limit: 30 })).toBe(30);
		expect(pageTop({ pageSize: 500, read: 500, limit: 1200 })).toBe(500);
		expect(pageTop({ pageSize: 500, read: 1000, limit: 1200 })).toBe(200);
		expect(pageTop({ pageSize: 500, read: 1000 })).toBe(500);
	});
});

describe('ShareFile records as output', () => {
	const file = {
		'odata.type': 'ShareFile.Api.Models.File',
		Id: 'fi1',
		Name: 'a.txt',
		FileName: 'a.txt',
		Path: '/top/Reports',
		Parent: { Id: 'fo1' },
		FileSizeBytes: 12,
		CreationDate: '2024-01-01T00:00:00Z',
		ProgenyEditDate: '2024-01-02T00:00:00Z',
	};

	it('gives the documents fields with the item under raw', () => {
		expect(itemOutput(file)).toEqual({
			id: 'fi1',
			name: 'a.txt',
			path: '/top/Reports/a.txt',
			directory: false,
			size: 12,
			createdDate: '2024-01-01T00:00:00Z',
			modifiedDate: '2024-01-02T00:00:00Z',
			parentFolderId: 'fo1',
			raw: file,
		});
		expect(itemOutput({ 'odata.type': 'ShareFile.Api.Models.Folder', Id: 'top', Name: 'top', Path: '/', Parent: null })).toMatchObject({
			path: '/top',
			directory: true,
			parentFolderId: null,
		});
		expect(shareFileItemPath({ Name: 'x', Path: '/root/a1b2/fo9' })).toBe('/root/a1b2/fo9/x');
		expect(shareFileItemPath({ Name: 'x' })).toBeUndefined();
	});

	it('reads a SearchResult', () => {
		expect(searchResultOutput({ ItemID: 'fo2', ItemType: 'Folder', FileName: 'Invoices', Path: '/top', ParentID: 'fo1', Size: 0 })).toMatchObject({
			id: 'fo2',
			name: 'Invoices',
			path: '/top/Invoices',
			directory: true,
			parentFolderId: 'fo1',
		});
	});

	it('addresses items by encoded id', () => {
		expect(itemUrl('top', 'Children')).toBe('/Items(top)/Children');
		expect(itemUrl('a/b')).toBe('/Items(a%2Fb)');
	});
});

describe('the API root', () => {
	it('comes from the token answer, else from the credential', () => {
		expect(shareFileApiBase({ subdomain: 'x', controlPlane: 'sharefile.com', oauthTokenData: { subdomain: 'acme', apicp: 'sf-api.com' } })).toBe(
			'https://acme.sf-api.com/sf/v3',
		);
		expect(shareFileApiBase({ subdomain: 'acme', controlPlane: 'sharefile.com' })).toBe('https://acme.sf-api.com/sf/v3');
		expect(shareFileApiBase({ subdomain: 'acme', controlPlane: 'sharefile.eu' })).toBe('https://acme.sf-api.eu/sf/v3');
		expect(
			shareFileApiBase({
				subdomain: 'acme',
				controlPlane: 'custom',
				customHostPrefix: 'http://127.0.0.1:8787/sharefile/',
				oauthTokenData: { subdomain: 'acme', apicp: 'sharefile.com' },
			}),
		).toBe('http://127.0.0.1:8787/sharefile/acme.sharefile.com/sf/v3');
	});
});

describe('ShareFile dates in the poll engine (ISO 8601, any precision)', () => {
	it('reads what .NET writes: no fraction, a short one, seven digits, an offset; no zone is UTC', () => {
		expect(parseIsoInstant('2000-01-01T20:20:20Z')).toBe(Date.UTC(2000, 0, 1, 20, 20, 20));
		expect(parseIsoInstant('2019-02-14T18:24:37.45Z')).toBe(Date.UTC(2019, 1, 14, 18, 24, 37, 450));
		expect(parseIsoInstant('9999-12-31T23:59:59.9999999Z')).toBe(253402300799999);
		expect(parseIsoInstant('2024-03-05T14:00:58.123+02:00')).toBe(Date.UTC(2024, 2, 5, 12, 0, 58, 123));
		expect(parseIsoInstant('2024-03-05T14:00:58')).toBe(Date.UTC(2024, 2, 5, 14, 0, 58));
		expect(parseIsoInstant('05/03/2024')).toBeNaN();
		expect(parseIsoInstant('')).toBeNaN();
	});

	it('keys a change by its ProgenyEditDate, CREATED within 10 s of CreationDate, and reuses canonical text as eventDate', () => {
		const settings = {
			objectType: 'file',
			idField: 'Id',
			updated: { field: 'ProgenyEditDate', format: ISO_8601, timeZone: 'GMT' },
			created: { field: 'CreationDate', format: ISO_8601, timeZone: 'GMT' },
			createdCheckToleranceMs: 10_000,
			filterByUpdatedDate: true,
			filterByCurrentDate: false,
			pollDelayMs: 0,
			overlapMs: 60_000,
			maxRemembered: 600,
			pageSize: 500,
		};
		const cycle = new PollCycle(settings, initialPollState(Date.UTC(2024, 0, 1)));
		cycle.acceptPage([
			{ Id: 'fi1', CreationDate: '2024-03-05T14:00:58Z', ProgenyEditDate: '2024-03-05T14:01:00.5Z' },
			{ Id: 'fi2', CreationDate: '2024-03-01T00:00:00Z', ProgenyEditDate: '2024-03-05T14:02:00.000Z' },
			{ Id: 'fi3', CreationDate: '2023-12-01T00:00:00Z', ProgenyEditDate: '2023-12-31T23:59:59.999Z' },
		]);
		const { changes } = cycle.finish();
		expect(changes.map((change) => [change.objectId, change.eventType, change.updatedMs])).toEqual([
			['fi1', 'CREATED', Date.UTC(2024, 2, 5, 14, 1, 0, 500)],
			['fi2', 'UPDATED', Date.UTC(2024, 2, 5, 14, 2)],
		]);
		expect(() => {
			const broken = new PollCycle(settings, initialPollState(0));
			broken.acceptPage([{ Id: 'fi4', ProgenyEditDate: 'yesterday' }]);
		}).toThrow('Record "fi4" of file: ProgenyEditDate "yesterday" does not match the Updated Date Format ISO 8601');
	});
});
