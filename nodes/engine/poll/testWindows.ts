/** Fetch Test Event looks back this many days, the nearest window first, for the newest real change. */
export const TEST_WINDOWS_DAYS = [1, 30, 365];

const DAY_MS = 86_400_000;

/**
 * The newest change a trigger finds, looking back one window after another (`find` gets the
 * window's start in epoch ms), so that a busy account answers from the last day and a quiet one
 * still finds something; undefined when there is none in the widest window.
 */
export async function newestInTestWindows<T>(nowMs: number, find: (sinceMs: number) => Promise<T | undefined>): Promise<T | undefined> {
	for (const days of TEST_WINDOWS_DAYS) {
		const found = await find(nowMs - days * DAY_MS);
		if (found !== undefined) return found;
	}
	return undefined;
}
