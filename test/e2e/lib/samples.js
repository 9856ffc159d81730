'use strict';
// The bytes the document suites move: seeded pseudo-random data streamed in 1 MB chunks, a
// multi-script text and a PNG-headed binary.

const crypto = require('node:crypto');

const MB = 1024 * 1024;

/** `size` bytes of seeded pseudo-random data in 1 MB chunks, never all in memory at once. */
function* randomChunks(size, seed) {
	let counter = 0;
	for (let sent = 0; sent < size; sent += MB) {
		const chunk = Buffer.alloc(Math.min(MB, size - sent));
		for (let offset = 0; offset < chunk.length; offset += 32) {
			crypto.createHash('sha256').update(`${seed}:${counter++}`).digest().copy(chunk, offset);
		}
		yield chunk;
	}
}

const text = Buffer.from('Quarterly report · Quartalsbericht · 四半期報告 · Квартальный отчёт · تقرير ربع سنوي ✓\n', 'utf8');
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ...randomChunks(3000, 'png')]);
const md5 = (bytes) => crypto.createHash('md5').update(bytes).digest('hex');

module.exports = { MB, md5, png, randomChunks, text };
