// n8n-core writes ~/.n8n/config with a generated key unless it is given a user folder first.
const fs = require('fs');
const os = require('os');
const path = require('path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-sharefile-n8n-'));
}
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
