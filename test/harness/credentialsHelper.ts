import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
	type ICredentials,
} from 'n8n-workflow';

/**
 * Stands in for the n8n CLI's credentials service, which needs a database: it hands out the
 * stored credential data and applies the credential type's `authenticate` as n8n does.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly store: Map<string, ICredentialDataDecryptedObject> = new Map(),
	) {
		super();
	}

	set(type: string, data: ICredentialDataDecryptedObject, id = '1') {
		this.store.set(`${type}:${id}`, data);
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate && authenticate.type === 'generic' && workflow && node) {
			const options = requestOptions as IHttpRequestOptions & Record<string, unknown>;
			for (const [outer, inner] of Object.entries(authenticate.properties)) {
				const target = { ...((options[outer] as Record<string, unknown>) ?? {}) };
				for (const [key, value] of Object.entries(inner as Record<string, string>)) {
					target[key] = workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					);
				}
				options[outer] = target;
			}
			return options;
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by these nodes');
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store.get(`${type}:${nodeCredentials.id ?? '1'}`);
		if (!data) throw new Error(`No test credential ${type}:${nodeCredentials.id}`);
		return { ...data };
	}

	/** The stored data of a credential, as n8n's database would hold it now. */
	get(type: string, id = '1'): ICredentialDataDecryptedObject | undefined {
		return this.store.get(`${type}:${id}`);
	}

	/** What n8n-core saves after renewing an OAuth2 token (or any credential change): kept, as n8n's database keeps it. */
	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.saves.push({ type, id: nodeCredentials.id ?? '1' });
		this.store.set(`${type}:${nodeCredentials.id ?? '1'}`, { ...data });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, data);
	}

	/** Every save, in order: how a test sees that a token was renewed and kept. */
	readonly saves: Array<{ type: string; id: string }> = [];

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
