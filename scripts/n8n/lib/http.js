'use strict';

/**
 * One HTTP request with a JSON body (when given), its answer read as JSON when it is JSON and
 * kept as text otherwise: { status, ok, text, body }.
 */
async function requestJson(url, method, body, headers = {}) {
	const response = await fetch(url, {
		method,
		headers: { 'Content-Type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = text;
	}
	return { status: response.status, ok: response.ok, text, body: parsed };
}

module.exports = { requestJson };
