'use strict';
// The two services queue mode needs beside n8n: PostgreSQL (n8n's database) and Redis (its job
// queue), found through n8n's own variables (DB_POSTGRESDB_*, QUEUE_BULL_REDIS_*) with the local
// defaults (127.0.0.1:5432, user postgres, trust; 127.0.0.1:6379). PostgreSQL is spoken to with
// the `pg` n8n itself ships (no dependency of ours); Redis with a few lines of its wire protocol.
// Only databases and key prefixes this project names are ever created or removed.

const net = require('node:net');
const path = require('node:path');

const { n8nInstall } = require('./n8n');

class ServiceError extends Error {}

/** Where PostgreSQL and Redis are, from the environment n8n reads. */
function serviceSettings(env = process.env) {
	return {
		postgres: {
			host: env.DB_POSTGRESDB_HOST || '127.0.0.1',
			port: Number(env.DB_POSTGRESDB_PORT || 5432),
			user: env.DB_POSTGRESDB_USER || 'postgres',
			password: env.DB_POSTGRESDB_PASSWORD || '',
			// Only for CREATE/DROP DATABASE: a server always has this one.
			maintenanceDatabase: env.CE_POSTGRES_MAINTENANCE_DB || 'postgres',
		},
		redis: {
			host: env.QUEUE_BULL_REDIS_HOST || '127.0.0.1',
			port: Number(env.QUEUE_BULL_REDIS_PORT || 6379),
			username: env.QUEUE_BULL_REDIS_USERNAME || '',
			password: env.QUEUE_BULL_REDIS_PASSWORD || '',
			db: Number(env.QUEUE_BULL_REDIS_DB || 0),
		},
	};
}

function pgClient(postgres, database) {
	const { Client } = require(path.join(n8nInstall().dir, 'node_modules', 'pg'));
	return new Client({
		host: postgres.host,
		port: postgres.port,
		user: postgres.user,
		password: postgres.password || undefined,
		database,
		connectionTimeoutMillis: 5000,
	});
}

async function withPostgres(postgres, work) {
	const client = pgClient(postgres, postgres.maintenanceDatabase);
	try {
		await client.connect();
	} catch (error) {
		throw new ServiceError(
			`PostgreSQL at ${postgres.host}:${postgres.port} (user ${postgres.user}) cannot be reached (${error.message}): ` +
				'start it, or set DB_POSTGRESDB_HOST / DB_POSTGRESDB_PORT / DB_POSTGRESDB_USER / DB_POSTGRESDB_PASSWORD',
		);
	}
	try {
		return await work(client);
	} finally {
		await client.end().catch(() => {});
	}
}

const quoteIdentifier = (name) => `"${name.replace(/"/g, '""')}"`;
const checkDatabaseName = (name) => {
	// Names the project makes itself; anything else is refused rather than quoted into SQL.
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new ServiceError(`database name ${JSON.stringify(name)} must be lower-case letters, digits and _`);
	return name;
};

/** Creates the database unless it exists; true when it was created. */
async function ensureDatabase(postgres, name) {
	checkDatabaseName(name);
	return await withPostgres(postgres, async (client) => {
		const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
		if (found.rowCount > 0) return false;
		await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
		return true;
	});
}

/** Drops the database (and the sessions still on it). */
async function dropDatabase(postgres, name) {
	checkDatabaseName(name);
	await withPostgres(postgres, async (client) => {
		await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
	});
}

/** One Redis command over a fresh connection (RESP); resolves the first reply. */
function redisCommands(redis, commands, { timeoutMs = 5000 } = {}) {
	const encode = (args) => `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(String(arg))}\r\n${arg}\r\n`).join('')}`;
	const preamble = [];
	if (redis.password) preamble.push(redis.username ? ['AUTH', redis.username, redis.password] : ['AUTH', redis.password]);
	if (redis.db) preamble.push(['SELECT', redis.db]);
	const all = [...preamble, ...commands];
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: redis.host, port: redis.port });
		let text = '';
		const replies = [];
		const fail = (message) => {
			socket.destroy();
			reject(
				new ServiceError(
					`Redis at ${redis.host}:${redis.port} cannot be reached (${message}): start it, or set QUEUE_BULL_REDIS_HOST / QUEUE_BULL_REDIS_PORT (and QUEUE_BULL_REDIS_PASSWORD)`,
				),
			);
		};
		socket.setTimeout(timeoutMs, () => fail('no answer'));
		socket.once('error', (error) => fail(error.message));
		socket.once('connect', () => socket.write(all.map(encode).join('')));
		socket.on('data', (chunk) => {
			text += chunk.toString('utf8');
			// Simple replies (+, -, :) are all these commands answer; one line each.
			let end;
			while ((end = text.indexOf('\r\n')) !== -1) {
				replies.push(text.slice(0, end));
				text = text.slice(end + 2);
			}
			if (replies.length < all.length) return;
			socket.end();
			const error = replies.find((reply) => reply.startsWith('-'));
			if (error) return fail(`it answered ${error.slice(1)}`);
			resolve(replies.slice(preamble.length));
		});
	});
}

async function checkRedis(redis) {
	await redisCommands(redis, [['PING']]);
}

/** Removes every key of one n8n queue prefix (what a test run left in Redis). */
async function deleteRedisPrefix(redis, prefix) {
	if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new ServiceError(`refusing to delete Redis keys of prefix ${prefix}`);
	const script =
		"local keys = redis.call('KEYS', ARGV[1]) for i = 1, #keys, 1000 do redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys))) end return #keys";
	const [reply] = await redisCommands(redis, [['EVAL', script, 0, `${prefix}:*`]]);
	return Number(reply.slice(1));
}

module.exports = { ServiceError, checkRedis, deleteRedisPrefix, dropDatabase, ensureDatabase, pgClient, serviceSettings, withPostgres };
