import { readFileSync } from 'fs';

/**
 * CPU time (user + system, ms) a process and everything it started have used so far, from Linux's
 * /proc: a throughput figure says how fast, this says what each delivery cost the n8n process
 * tree, whatever the pipeline's latency. 0 where /proc cannot be read (not Linux).
 */
export function processTreeCpuMs(pid: number): number {
	const ticksPerSecond = 100;
	let total = 0;
	const pending = [pid];
	while (pending.length > 0) {
		const current = pending.pop() as number;
		const stat = readOr(`/proc/${current}/stat`);
		if (stat === undefined) continue;
		// Fields after the command's closing parenthesis: utime is the 12th, stime the 13th.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		total += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
		for (const child of (readOr(`/proc/${current}/task/${current}/children`) ?? '').trim().split(/\s+/)) {
			if (child) pending.push(Number(child));
		}
	}
	return total;
}

function readOr(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}
