'use strict';
// n8n's database migration lock, held as another n8n process holds it while it migrates (main
// upgrading, say): an n8n process started meanwhile waits for it with its database connected and
// its server already listening. n8n 2.41 takes it as pg_advisory_xact_lock(1005, k), k the first
// four bytes of sha256("<schema>:<table prefix>") as a signed integer (@n8n/db, db-connection.js).

const crypto = require('node:crypto');

const { pgClient } = require('../../../../scripts/n8n/lib/queue-services');

const MIGRATION_LOCK = 1005;
const migrationSubKey = (schema = 'public', tablePrefix = '') => crypto.createHash('sha256').update(`${schema}:${tablePrefix}`).digest().readInt32BE(0);

/** Holds the lock on `database` until the returned function is called. */
async function holdMigrationLock(postgres, database) {
	const client = pgClient(postgres, database);
	await client.connect();
	const key = [MIGRATION_LOCK, migrationSubKey()];
	await client.query('SELECT pg_advisory_lock($1, $2)', key);
	return async () => {
		await client.query('SELECT pg_advisory_unlock($1, $2)', key);
		await client.end();
	};
}

module.exports = { holdMigrationLock };
