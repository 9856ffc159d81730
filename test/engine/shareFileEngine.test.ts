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
