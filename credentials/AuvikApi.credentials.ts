import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Auvik clusters. The region is the token after the domain prefix in the dashboard address. */
export const AUVIK_REGIONS = [
	'us1',
	'us2',
	'us3',
	'us4',
	'us5',
	'us6',
	'eu1',
	'eu2',
	'au1',
	'ca1',
] as const;

export const CUSTOM_REGION = 'custom';

/**
 * The API root the credential points at, as an n8n expression (used by the credential test; the
 * node's transport computes the same thing in code, see nodes/Auvik/transport/baseUrl.ts):
 * a region gives https://auvikapi.<region>.my.auvik.com; a custom URL is trimmed, loses a
 * trailing "/", "/v1" or "#fragment", and a pasted dashboard address becomes the API host.
 */
const BASE_URL_EXPRESSION =
	'={{ $credentials.region === "custom" ? ' +
	'String($credentials.baseUrl || "").trim().replace(/#.*$/, "").replace(/\\/+$/, "").replace(/\\/v1$/i, "").replace(/\\/+$/, "")' +
	'.replace(/^https:\\/\\/(?!auvikapi\\.)[a-z0-9-]+\\.([a-z]{2}[0-9])\\.my\\.auvik\\.com/i, "https://auvikapi.$1.my.auvik.com")' +
	' : "https://auvikapi." + $credentials.region + ".my.auvik.com" }}';

export class AuvikApi implements ICredentialType {
	name = 'auvikApi';

	displayName = 'Auvik API';

	icon: Icon = { light: 'file:auvik.svg', dark: 'file:auvik.dark.svg' };

	documentationUrl = 'https://support.auvik.com/hc/en-us/articles/360031007111';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				...AUVIK_REGIONS.map((region) => ({ name: region.toUpperCase(), value: region })),
				{ name: 'Custom URL', value: CUSTOM_REGION },
			],
			default: 'us1',
			description:
				'The Auvik cluster your account lives on. Log in to Auvik and read it from the address bar: in https://acme.us3.my.auvik.com the region is us3.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://auvikapi.us1.my.auvik.com',
			description:
				'The Auvik API root. A trailing /v1 or slash is removed, and a pasted dashboard address (https://acme.us3.my.auvik.com/#...) is turned into its API host. Must use https (plain http only for localhost).',
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'e.g. api-user@example.com',
			description: 'The e-mail address the Auvik user logs in with',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The API key generated on that user's profile page in Auvik. The user needs a role that allows API access, such as API Access Only.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{ String($credentials.username || "").trim() }}',
				password: '={{ String($credentials.apiKey || "").trim() }}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/authentication/verify',
			method: 'GET',
			headers: { Accept: 'application/vnd.api+json' },
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Auvik rejected the username or API key (401). Check the e-mail address and paste the API key again from the user profile in Auvik.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The user is valid but may not use the API (403). Give it a role with API access, such as "API Access Only", in Auvik under Admin > Users.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 308,
					message:
						'Wrong region (308): your Auvik account lives on another cluster. Log in to Auvik, read the region from the address bar (e.g. us3 in acme.us3.my.auvik.com) and choose it under Region.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Auvik API answered at this address (404). Choose a region from the list, or enter an API root such as https://auvikapi.us1.my.auvik.com.',
				},
			},
		],
	};
}
