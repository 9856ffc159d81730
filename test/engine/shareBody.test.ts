import { shareBody, shareExpiration } from '../../nodes/engine/documents/shareBody';

describe('ShareFile share body', () => {
	it('is the body Cloud Elements’ own ShareFile tests send, from a Send request with defaults', () => {
		expect(shareBody({ shareType: 'Send', title: 'Sample Send Share', itemIds: ['fo1'], expirationDate: '2020-09-23' })).toEqual({
			ShareType: 'Send',
			Title: 'Sample Send Share',
			Items: [{ Id: 'fo1' }],
			ExpirationDate: '2020-09-23',
			RequireLogin: false,
			RequireUserInfo: false,
			MaxDownloads: -1,
			UsesStreamIDs: false,
		});
	});

	it('carries the options, recipients as ShareFile users, and leaves out what was not given', () => {
		const body = shareBody({
			shareType: 'Request',
			itemIds: ['fo1', 'fo2'],
			requireLogin: true,
			requireUserInfo: true,
			maxDownloads: 3,
			recipients: ['a@example.com'],
		});
		expect(body).toMatchObject({ ShareType: 'Request', RequireLogin: true, RequireUserInfo: true, MaxDownloads: 3 });
		expect(body.Items).toEqual([{ Id: 'fo1' }, { Id: 'fo2' }]);
		expect(body.Recipients).toEqual([{ User: { Email: 'a@example.com' } }]);
		expect('Title' in body).toBe(false);
		expect('ExpirationDate' in body).toBe(false);
		expect('Recipients' in shareBody({ shareType: 'Send', itemIds: ['x'], recipients: [] })).toBe(false);
	});

	it('keeps a plain date as a date, makes a date and time UTC ISO, and refuses what is no date', () => {
		expect(shareExpiration(' 2026-12-31 ')).toBe('2026-12-31');
		expect(shareExpiration('2026-12-31T10:00:00+02:00')).toBe('2026-12-31T08:00:00.000Z');
		expect(shareExpiration('2026-02-30')).toBeUndefined();
		expect(shareExpiration('next week')).toBeUndefined();
		expect(shareExpiration('2026-13-01')).toBeUndefined();
	});
});
