/**
 * A credentials helper for the harness: the object n8n-core calls (via
 * `additionalData.credentialsHelper`) whenever a node reads credentials or sends an
 * authenticated request.
 *
 * In a real instance this is `CredentialsHelper` from the `n8n` cli package (database +
 * encryption). Ours keeps plaintext test credentials in memory but applies the credential class's
 * REAL `authenticate` property the way n8n does:
 *   - `authenticate` as a function → called with (credentials, requestOptions);
 *   - `authenticate` as `IAuthenticateGeneric` → every key and value of `properties.auth`,
 *     `.headers`, `.qs`, `.body` is resolved as an n8n expression with `$credentials` available
 *     (`={{$credentials.user}}`) using the workflow's own expression engine, and merged into the
 *     request options (`requestOptions[outer][key] = value`), which is what n8n 2.41 does.
 * `preAuthentication` mirrors n8n's too (returns undefined unless the credential type has a
 * hidden `expirable` property and a `preAuthentication` function), and because the method
 * exists, n8n-core's `httpRequestWithAuthentication` performs its usual "refresh and re-send
 * once after a 401" — tests see the same request counts as a real instance.
 *
 * Differences from the real helper (deliberate, documented):
 *   - no database, encryption, credential overwrites, external secrets or dynamic credentials;
 *   - `getDecrypted` applies the credential type's defaults (like n8n) and resolves `={{...}}`
 *     expressions in credential values only when n8n-core passes expression context (during
 *     node execution), which is also when n8n resolves them;
 *   - `preAuthentication` output is "persisted" to the in-memory store instead of the DB.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentials, ICredentialsHelper, isExpression, NodeHelpers } from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

/** Test credentials keyed by credential type name, e.g. `{ auvikApi: { username, apiKey } }`. */
export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

/** One call to `authenticate()`, recorded for assertions. */
export interface AuthenticateCall {
	typeName: string;
	/** Request options as they left `authenticate()` (same object n8n-core then sends). */
	requestOptions: IHttpRequestOptions;
}

const clone = <T>(value: T): T => structuredClone(value);

/** Plaintext in-memory `ICredentials` (n8n-core's `Credentials` would need the cipher). */
class InMemoryCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private value: ICredentialDataDecryptedObject,
	) {
		super(details, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return clone(this.value);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.value) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.value = clone(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		this.value = { ...this.value, ...(toUpdate as ICredentialDataDecryptedObject) };
		for (const key of toDelete) delete this.value[key];
	}
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** How many times `authenticate()` ran (one per request sent with credentials). */
	authenticateCount = 0;

	/** Every `authenticate()` call in order. */
	readonly authenticateCalls: AuthenticateCall[] = [];

	/** How many times n8n-core asked for `preAuthentication` (first try + each 401 refresh). */
	preAuthenticationCount = 0;

	/** How many times `getDecrypted()` ran (each `this.getCredentials()` + each authenticated request). */
	getDecryptedCount = 0;

	private readonly types = new Map<string, ICredentialType>();

	private readonly store: TestCredentials;

	constructor(credentials: TestCredentials = {}, credentialTypes: ICredentialType[] = []) {
		super();
		this.store = clone(credentials);
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	/** Replace or add the test credentials for one type (e.g. to "rotate" a key mid-test). */
	setCredentials(type: string, data: ICredentialDataDecryptedObject): void {
		this.store[type] = clone(data);
	}

	/** The credential class registered for `typeName` (throws when a test forgot to pass it). */
	getCredentialType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) {
			throw new Error(
				`[harness] credential type "${typeName}" is unknown: pass its class instance in credentialTypes`,
			);
		}
		return type;
	}

	getParentTypes(typeName: string): string[] {
		// n8n returns the `extends` chain (oAuth2Api etc.), which makes n8n-core take the OAuth path.
		const parents = this.types.get(typeName)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		this.authenticateCount++;
		const credentialType = this.getCredentialType(typeName);
		let requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = credentialType;

		if (typeof authenticate === 'function') {
			requestOptions = await authenticate(credentials, requestOptions);
		} else if (authenticate && typeof authenticate === 'object' && authenticate.type === 'generic') {
			if (!workflow || !node) {
				throw new Error('[harness] generic credential authentication needs the workflow and node');
			}
			requestOptions.headers ??= {};
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
					const resolvedKey = this.resolveValue(key, credentials, workflow, node);
					const resolvedValue = this.resolveValue(value, credentials, workflow, node);
					target[outerKey] ??= {};
					target[outerKey][resolvedKey] = resolvedValue;
				}
			}
		}

		this.authenticateCalls.push({ typeName, requestOptions });
		return requestOptions;
	}

	/**
	 * n8n's rule: only credential types that declare a hidden `typeOptions.expirable` property and
	 * a `preAuthentication` function take part; the function runs when that property is empty or
	 * n8n-core says the credentials expired (after a 401), and its output is merged and persisted.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		this.preAuthenticationCount++;
		const credentialType = this.getCredentialType(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = (await credentialType.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		this.store[typeName] = { ...(this.store[typeName] ?? {}), ...clone(output) };
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getCredentialType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		return (await credentialType.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new InMemoryCredentials(nodeCredentials, type, this.rawData(type));
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.getDecryptedCount++;
		const stored = this.rawData(type);
		if (raw === true) return stored;

		// Add the credential type's defaults, exactly as n8n does before handing data to a node.
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		if (expressionResolveValues) {
			data = expressionResolveValues.workflow.expression.getParameterValue(
				data as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = clone(data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...(this.store[type] ?? {}), oauthTokenData: clone(data.oauthTokenData) };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getCredentialType(type);
		if (!credentialType.extends?.length) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			if (this.types.has(parent)) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private rawData(type: string): ICredentialDataDecryptedObject {
		const data = this.store[type];
		if (data === undefined) {
			throw new Error(`[harness] no test credentials of type "${type}" were given`);
		}
		return clone(data);
	}

	/** Resolve `={{ ... }}` against `$credentials` with the workflow's expression engine (n8n does the same). */
	private resolveValue(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value as string;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}
}
