/**
 * Walking a ShareFile OData feed (`{ value, "odata.count", "odata.nextLink" }`) page by page with
 * `$top`/`$skip`. ShareFile's default page size for Children is UNKNOWN and its clients read one
 * answer (SHAREFILE_API.md §2), so the walk asks for pages itself and trusts, in this order: a
 * `nextLink` (more there), `odata.count` (how many in all), and a full page (maybe more).
 */
export interface ODataPage {
	/** Records in this page. */
	received: number;
	/** `odata.count`, when the answer gave it. */
	count?: number;
	/** `odata.nextLink`, when the answer gave it. */
	nextLink?: string;
}

export interface ODataWalk {
	/** `$top` asked for. */
	pageSize: number;
	/** Records read so far, this page included. */
	read: number;
	/** Records wanted in all; undefined: every one. */
	limit?: number;
}

/** The `$skip` of the next page, or undefined when the feed is read (or enough of it is). */
export function nextSkip(page: ODataPage, walk: ODataWalk): number | undefined {
	if (walk.limit !== undefined && walk.read >= walk.limit) return undefined;
	if (page.received === 0) return undefined;
	if (page.nextLink) return walk.read;
	if (page.count !== undefined) return walk.read < page.count ? walk.read : undefined;
	return page.received >= walk.pageSize ? walk.read : undefined;
}

/** `$top` for the next page: a full page, or what is left of the limit. */
export function pageTop(walk: ODataWalk): number {
	if (walk.limit === undefined) return walk.pageSize;
	return Math.max(1, Math.min(walk.pageSize, walk.limit - walk.read));
}
