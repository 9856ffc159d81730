import { shareFileRequest, type ShareFileContext } from '../transport/request';

/** The account a token opens, and ShareFile's clock when it answered. */
export interface CurrentAccount {
	/** The account's id: the same as webhook payloads' `AccountInfo.AccountId`. */
	id: string;
	/** The answer's `Date` header in epoch ms, when it had one. */
	serverDateMs?: number;
}

/** `GET Accounts`: the current account ("the Account defined in the call subdomain", SHAREFILE_API.md). */
export async function currentAccount(this: ShareFileContext): Promise<CurrentAccount> {
	const { body, headers } = await shareFileRequest.call(this, { method: 'GET', path: '/Accounts' });
	const date = headers.date ? Date.parse(headers.date) : Number.NaN;
	return {
		id: String((body as { Id?: unknown } | undefined)?.Id ?? ''),
		...(Number.isNaN(date) ? {} : { serverDateMs: date }),
	};
}
