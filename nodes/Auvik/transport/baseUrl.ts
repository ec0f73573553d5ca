import { AUVIK_REGIONS, CUSTOM_REGION } from '../../../credentials/AuvikApi.credentials';

/** Where the API lives, resolved from the credential. */
export interface ApiEndpoint {
	/** e.g. https://auvikapi.us1.my.auvik.com (no trailing slash, no /v1) */
	baseUrl: string;
	hostname: string;
	/** Region code when the host is an Auvik API host, e.g. us1 */
	region?: string;
	/** True when the user typed a custom URL rather than picking a region */
	custom: boolean;
}

const AUVIK_HOST = /^([a-z0-9-]+)\.([a-z]{2,3}[0-9]+)\.my\.auvik\.com$/i;
const API_HOST = /^auvikapi\.([a-z]{2,3}[0-9]+)\.my\.auvik\.com$/i;

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Region of an Auvik API host (auvikapi.us3.my.auvik.com -> us3), if it is one. */
export function regionOfApiHost(hostname: string): string | undefined {
	const match = API_HOST.exec(hostname);
	return match ? match[1].toLowerCase() : undefined;
}

/**
 * Turns what the user typed into an API root. Accepts the API root with or without /v1 or a
 * trailing slash, and an Auvik dashboard address (https://acme.us3.my.auvik.com/#...).
 * Returns a message saying what to fix when the input cannot be used.
 */
export function normaliseCustomUrl(input: string): ApiEndpoint | string {
	const raw = (input ?? '').trim();
	if (!raw) {
		return (
			'The credential uses "Custom URL" but Base URL is empty. Enter the API root, e.g. https://auvikapi.us1.my.auvik.com, or pick a region.'
		);
	}
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return (
			`The credential's Base URL "${raw}" is not a valid URL. Enter it like https://auvikapi.us1.my.auvik.com.`
		);
	}
	const loopback = isLoopbackHost(url.hostname);
	if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) {
		return (
			`The credential's Base URL must use https (Auvik only accepts TLS 1.2+), got "${url.protocol}//${url.host}". Plain http is only allowed for localhost.`
		);
	}
	let hostname = url.hostname.toLowerCase();
	const dashboard = AUVIK_HOST.exec(hostname);
	if (dashboard && dashboard[1].toLowerCase() !== 'auvikapi') {
		hostname = `auvikapi.${dashboard[2].toLowerCase()}.my.auvik.com`;
	}
	const path = dashboard
		? ''
		: url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '').replace(/\/+$/, '');
	const port = url.port && !dashboard ? `:${url.port}` : '';
	return {
		baseUrl: `${url.protocol}//${hostname}${port}${path}`,
		hostname,
		region: regionOfApiHost(hostname),
		custom: true,
	};
}

/** The API root of a credential, or a message saying what to fix. */
export function endpointFromCredentials(credentials: { region?: unknown; baseUrl?: unknown }): ApiEndpoint | string {
	const region = String(credentials.region ?? 'us1').trim().toLowerCase();
	if (region === CUSTOM_REGION) return normaliseCustomUrl(String(credentials.baseUrl ?? ''));
	if (!(AUVIK_REGIONS as readonly string[]).includes(region)) {
		return (
			`Unknown Auvik region "${region}" in the credential. Choose one of ${AUVIK_REGIONS.join(', ')} or "Custom URL".`
		);
	}
	const hostname = `auvikapi.${region}.my.auvik.com`;
	return { baseUrl: `https://${hostname}`, hostname, region, custom: false };
}

/**
 * Decides whether a 308 target may receive the credentials: an Auvik API host, or for a custom
 * base URL the same hostname. Returns the new API root, or undefined when the target is foreign.
 */
export function redirectTarget(current: ApiEndpoint, location: string): ApiEndpoint | undefined {
	let url: URL;
	try {
		url = new URL(location, current.baseUrl);
	} catch {
		return undefined;
	}
	const hostname = url.hostname.toLowerCase();
	const region = regionOfApiHost(hostname);
	if (region && url.protocol === 'https:') {
		return { baseUrl: `https://${hostname}${url.port ? `:${url.port}` : ''}`, hostname, region, custom: current.custom };
	}
	if (current.custom && hostname === current.hostname) {
		const secureEnough = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(hostname));
		if (!secureEnough) return undefined;
		return { baseUrl: url.origin, hostname, region: current.region, custom: true };
	}
	return undefined;
}
