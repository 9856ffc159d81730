import { readdirSync, readFileSync } from 'fs';

/**
 * CPU time per process from Linux's /proc: a throughput figure says how fast, this says what the
 * work cost each process, whatever the pipeline's latency. Empty where /proc cannot be read.
 */
export const TICKS_PER_SECOND = 100;

export interface ProcStat {
	ppid: number;
	comm: string;
	ticks: number;
}

export function readProcesses(): Map<number, ProcStat> {
	const found = new Map<number, ProcStat>();
	let entries: string[] = [];
	try {
		entries = readdirSync('/proc');
	} catch {
		return found;
	}
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name is in parentheses and may hold spaces: fields count from its end.
			const close = text.lastIndexOf(')');
			const fields = text.slice(close + 2).split(' ');
			found.set(Number(entry), { ppid: Number(fields[1]), comm: text.slice(text.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) });
		} catch {
			// Gone meanwhile.
		}
	}
	return found;
}

/** A process and everything it started (n8n's task runners), in clock ticks. */
export function treeTicks(processes: Map<number, ProcStat>, root: number | undefined): number {
	if (!root || !processes.has(root)) return 0;
	let sum = 0;
	const stack = [root];
	while (stack.length) {
		const pid = stack.pop()!;
		sum += processes.get(pid)?.ticks ?? 0;
		for (const [child, stat] of processes) if (stat.ppid === pid) stack.push(child);
	}
	return sum;
}

/** The whole machine's busy and total clock ticks so far (all cores). */
export function machineTicks(): { busy: number; total: number } {
	const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const numbers = values.map(Number);
	const idle = numbers[3] + (numbers[4] ?? 0);
	const total = numbers.slice(0, 8).reduce((a, b) => a + b, 0);
	return { busy: total - idle, total };
}

/** User + system CPU (ms) a process and everything it started have used so far. */
export function processTreeCpuMs(pid: number | undefined): number {
	return (treeTicks(readProcesses(), pid) * 1000) / TICKS_PER_SECOND;
}
