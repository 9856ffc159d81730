/**
 * A ShareFile share as Cloud Elements' ShareFile element takes it on `POST /hubs/documents/share`:
 * ShareFile's own share model, passed through (Cloud Elements' API tests send exactly these keys).
 * A Send share hands out the items; a Request share collects uploads into one folder.
 */
export type ShareType = 'Send' | 'Request';

export interface ShareRequest {
	shareType: ShareType;
	title?: string;
	/** ShareFile item ids (not stream ids: `UsesStreamIDs` is always false). */
	itemIds: string[];
	/** A date (`2026-12-31`) or a date and time; none: ShareFile's default expiry. */
	expirationDate?: string;
	requireLogin?: boolean;
	requireUserInfo?: boolean;
	/** -1: no limit. */
	maxDownloads?: number;
	/** ShareFile's share model names recipients as users by email (INFERRED; only the legacy Send uses it). */
	recipients?: string[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The expiration as ShareFile reads it: a plain date stays a date, as Cloud Elements' tests send
 * it; a date and time goes as UTC ISO text. Undefined when the text is not a date at all.
 */
export function shareExpiration(text: string): string | undefined {
	const trimmed = text.trim();
	if (DATE_ONLY.test(trimmed)) {
		// Date.parse rolls 2026-02-30 over into March; a calendar date must read back the same.
		const time = Date.parse(trimmed);
		return !Number.isNaN(time) && new Date(time).toISOString().startsWith(trimmed) ? trimmed : undefined;
	}
	const time = Date.parse(trimmed);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export function shareBody(request: ShareRequest): Record<string, unknown> {
	const body: Record<string, unknown> = {
		ShareType: request.shareType,
		Items: request.itemIds.map((id) => ({ Id: id })),
		RequireLogin: request.requireLogin ?? false,
		RequireUserInfo: request.requireUserInfo ?? false,
		MaxDownloads: request.maxDownloads ?? -1,
		UsesStreamIDs: false,
	};
	if (request.title) body.Title = request.title;
	if (request.expirationDate) body.ExpirationDate = request.expirationDate;
	if (request.recipients && request.recipients.length > 0) {
		body.Recipients = request.recipients.map((email) => ({ User: { Email: email } }));
	}
	return body;
}
