/**
 * Cloud Elements' rule: a record updated within `toleranceMs` of its creation was created;
 * otherwise it was updated.
 */
export function classifyChange(
	createdMs: number | undefined,
	updatedMs: number,
	toleranceMs: number,
): 'CREATED' | 'UPDATED' {
	if (createdMs === undefined) return 'CREATED';
	return updatedMs - createdMs <= toleranceMs ? 'CREATED' : 'UPDATED';
}
