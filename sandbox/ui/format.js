// @ts-check
// How sizes and dates read on the page: short, and the same on every machine.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** @param {number} bytes */
export function formatBytes(bytes) {
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit += 1;
	}
	const digits = unit === 0 || value >= 10 ? 0 : 1;
	return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');

/** Local date and time, `2024-03-05 14:00:58`. @param {string} iso */
export function formatDate(iso) {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatTime(iso)}`;
}

/** Local time of day, `14:00:58`. @param {string} iso */
export function formatTime(iso) {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** @param {number} count @param {string} one @param {string} [many] */
export function plural(count, one, many = `${one}s`) {
	return `${count} ${count === 1 ? one : many}`;
}
