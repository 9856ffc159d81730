import * as fc from 'fast-check';
import { Workflow, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ShareFileOAuth2Api } from '../../credentials/ShareFileOAuth2Api.credentials';
import { shareFileApiBase } from '../../nodes/shareFile/transport/apiBase';
import { actionNode, nodeTypes } from '../harness/n8n';

const credential = new ShareFileOAuth2Api();
const node = actionNode({});
const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

/** What n8n's expression engine makes of an expression with these credential values (as the credential test does). */
const evaluate = (expression: unknown, data: ICredentialDataDecryptedObject) =>
	workflow.expression.getSimpleParameterValue(node, expression as string, 'internal', { $credentials: data }, undefined, '');

const property = (name: string) => credential.properties.find((candidate) => candidate.name === name)!.default;

/** The account URLs n8n's OAuth flow resolves from the credential's own fields ($self). */
const evaluateOwn = (expression: unknown, data: ICredentialDataDecryptedObject) =>
	workflow.expression.getSimpleParameterValue(node, expression as string, 'internal', { $self: data }, undefined, '');

describe('ShareFile OAuth2 API credential', () => {
	const sandboxFields = { subdomain: 'acme', controlPlane: 'custom', customHostPrefix: 'http://127.0.0.1:8787/sharefile/' };

	test('the authorize and token URLs are the account\'s, on sharefile.com, sharefile.eu or a custom host', () => {
		expect(evaluateOwn(property('authUrl'), { subdomain: 'acme', controlPlane: 'sharefile.com' })).toBe('https://acme.sharefile.com/oauth/authorize');
		expect(evaluateOwn(property('accessTokenUrl'), { subdomain: 'acme', controlPlane: 'sharefile.eu' })).toBe('https://acme.sharefile.eu/oauth/token');
		expect(evaluateOwn(property('accessTokenUrl'), sandboxFields)).toBe('http://127.0.0.1:8787/sharefile/acme/oauth/token');
	});

	test('its test asks GET Accounts of the API host the token answer names (subdomain, apicp)', () => {
		expect(credential.test.request.url).toBe('/Accounts');
		const baseURL = credential.test.request.baseURL;
		const token = { access_token: 't', subdomain: 'acme-corp', apicp: 'sf-api.com', appcp: 'sharefile.com' };
		expect(evaluate(baseURL, { subdomain: 'secure', controlPlane: 'sharefile.com', oauthTokenData: token })).toBe('https://acme-corp.sf-api.com/sf/v3');
		expect(evaluate(baseURL, { subdomain: 'acme', controlPlane: 'sharefile.eu', oauthTokenData: { ...token, apicp: 'sf-api.eu' } })).toBe('https://acme-corp.sf-api.eu/sf/v3');
		expect(evaluate(baseURL, { ...sandboxFields, oauthTokenData: { ...token, subdomain: 'acme', apicp: 'sharefile.com' } })).toBe(
			'http://127.0.0.1:8787/sharefile/acme.sharefile.com/sf/v3',
		);
	});

	test('without those fields in the token answer, the credential\'s subdomain on the region\'s API host', () => {
		const baseURL = credential.test.request.baseURL;
		expect(evaluate(baseURL, { subdomain: 'acme', controlPlane: 'sharefile.com', oauthTokenData: { access_token: 't' } })).toBe('https://acme.sf-api.com/sf/v3');
		expect(evaluate(baseURL, { subdomain: 'acme', controlPlane: 'sharefile.eu' })).toBe('https://acme.sf-api.eu/sf/v3');
	});

	test('the test\'s API host is the one the ShareFile node calls (nodes/shareFile/transport/apiBase.ts), for any credential', () => {
		const word = fc.constantFrom('', ' ', 'acme', 'secure', 'acme-corp', ' eu1 ');
		const credentials = fc.record(
			{
				subdomain: word,
				controlPlane: fc.constantFrom('sharefile.com', 'sharefile.eu', 'custom', ''),
				customHostPrefix: fc.constantFrom('', 'http://127.0.0.1:8787/sharefile/', ' http://sandbox/sharefile/ '),
				oauthTokenData: fc.option(
					fc.record({ access_token: fc.constant('t'), subdomain: word, apicp: fc.constantFrom('', 'sf-api.com', 'sharefile.com', 'sf-api.eu') }, { requiredKeys: ['access_token'] }),
					{ nil: undefined },
				),
			},
			{ requiredKeys: [] },
		);
		fc.assert(
			fc.property(credentials, (data) => {
				expect(evaluate(credential.test.request.baseURL, data as ICredentialDataDecryptedObject)).toBe(shareFileApiBase(data));
			}),
			{ numRuns: 300 },
		);
	});

	test('a refused token or an unknown account is told in words that say what to do', () => {
		const messages = Object.fromEntries((credential.test.rules ?? []).map((rule) => [String(rule.properties.value), rule.properties.message]));
		expect(messages['401']).toMatch(/reconnect the credential with Connect my account/);
		expect(messages['404']).toMatch(/check the account subdomain and the region/);
	});
});
