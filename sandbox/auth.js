// @ts-check
'use strict';

const crypto = require('node:crypto');
const { unauthorized } = require('./errors');

/** @typedef {{ user?: string, organization?: string, element?: string }} Credentials */

const LABELS = /** @type {const} */ ({ user: 'user', organization: 'organization', element: 'element' });

// The one message for every wrong secret or token: saying which part was wrong would help a guesser.
const INVALID = 'Invalid Organization or User secret, or invalid Element token provided.';

/**
 * Reads `User <u>, Organization <o>[, Element <t>]`. Cloud Elements accepts the parts in any order and
 * with loose spacing (clients differ on `,` vs `, `), so the header is read as label/value word pairs.
 * @param {string | undefined} header
 * @returns {Credentials | null} null when the header cannot be read as such pairs
 */
function parseAuthorization(header) {
	if (!header || !header.trim()) return null;
	const words = header.split(/[\s,]+/).filter((word) => word !== '');
	/** @type {Credentials} */
	const credentials = {};
	for (let i = 0; i < words.length; i += 2) {
		const label = LABELS[/** @type {keyof typeof LABELS} */ (words[i].toLowerCase())];
		const value = words[i + 1];
		if (!label || value === undefined || credentials[label] !== undefined) return null;
		credentials[label] = value;
	}
	return credentials;
}

/** Compares digests so neither length nor content leaks through timing. */
function sameSecret(/** @type {string | undefined} */ given, /** @type {string} */ expected) {
	if (given === undefined) return false;
	const a = crypto.createHash('sha256').update(given).digest();
	const b = crypto.createHash('sha256').update(expected).digest();
	return crypto.timingSafeEqual(a, b);
}

/**
 * @param {Credentials | null} credentials
 * @param {{ userSecret: string, organizationSecret: string }} secrets
 */
function requirePlatformCredentials(credentials, secrets) {
	if (!credentials) {
		throw unauthorized(
			"Missing or malformed Authorization header. Expected 'User <user secret>, Organization <organization secret>'.",
		);
	}
	if (!credentials.user || !credentials.organization) {
		throw unauthorized("The Authorization header needs both 'User <user secret>' and 'Organization <organization secret>'.");
	}
	const userOk = sameSecret(credentials.user, secrets.userSecret);
	const organizationOk = sameSecret(credentials.organization, secrets.organizationSecret);
	if (!userOk || !organizationOk) throw unauthorized(INVALID);
}

module.exports = { parseAuthorization, requirePlatformCredentials, sameSecret, INVALID_CREDENTIALS_MESSAGE: INVALID };
