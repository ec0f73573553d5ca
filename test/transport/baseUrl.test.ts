import { endpointFromCredentials, normaliseCustomUrl, redirectTarget } from '../../nodes/Auvik/transport/baseUrl';

describe('credential base URL', () => {
	it.each([
		['https://auvikapi.us1.my.auvik.com', 'https://auvikapi.us1.my.auvik.com', 'us1'],
		['https://auvikapi.us1.my.auvik.com/', 'https://auvikapi.us1.my.auvik.com', 'us1'],
		['  https://auvikapi.eu2.my.auvik.com/v1/ ', 'https://auvikapi.eu2.my.auvik.com', 'eu2'],
		['https://acme.us3.my.auvik.com/#dashboard/home', 'https://auvikapi.us3.my.auvik.com', 'us3'],
		['https://ACME.au1.my.auvik.com', 'https://auvikapi.au1.my.auvik.com', 'au1'],
		['http://127.0.0.1:8790', 'http://127.0.0.1:8790', undefined],
		['http://localhost:8790/v1', 'http://localhost:8790', undefined],
		['http://[::1]:8790/', 'http://[::1]:8790', undefined],
	])('normalises %s', (input, baseUrl, region) => {
		const endpoint = normaliseCustomUrl(input);
		expect(typeof endpoint).toBe('object');
		expect(endpoint).toMatchObject({ baseUrl, region, custom: true });
	});

	it.each([
		['', /Base URL is empty/],
		['not a url', /not a valid URL/],
		['http://auvikapi.us1.my.auvik.com', /must use https/],
		['http://10.0.0.5:8080', /must use https/],
	])('rejects %p with a message saying what to fix', (input, message) => {
		const result = normaliseCustomUrl(input);
		expect(typeof result).toBe('string');
		expect(result).toMatch(message);
	});

	it('builds the regional host and rejects unknown regions', () => {
		expect(endpointFromCredentials({ region: 'ca1' })).toMatchObject({ baseUrl: 'https://auvikapi.ca1.my.auvik.com', region: 'ca1', custom: false });
		expect(endpointFromCredentials({ region: 'mars1' })).toMatch(/Unknown Auvik region "mars1".*us1/);
	});
});

describe('308 targets', () => {
	const us1 = endpointFromCredentials({ region: 'us1' }) as Exclude<ReturnType<typeof endpointFromCredentials>, string>;
	const local = normaliseCustomUrl('http://127.0.0.1:8790') as typeof us1;

	it('follows an Auvik API host and reads its region', () => {
		expect(redirectTarget(us1, 'https://auvikapi.us4.my.auvik.com/v1/tenants?x=1')).toMatchObject({ baseUrl: 'https://auvikapi.us4.my.auvik.com', region: 'us4' });
	});

	it('refuses foreign hosts, plain http and look-alikes', () => {
		expect(redirectTarget(us1, 'https://evil.example.com/v1/tenants')).toBeUndefined();
		expect(redirectTarget(us1, 'http://auvikapi.us4.my.auvik.com/v1/tenants')).toBeUndefined();
		expect(redirectTarget(us1, 'https://auvikapi.us4.my.auvik.com.evil.com/v1')).toBeUndefined();
		expect(redirectTarget(local, 'http://127.0.0.2:9000/v1/tenants')).toBeUndefined();
	});

	it('for a custom URL follows only the same hostname', () => {
		expect(redirectTarget(local, 'http://127.0.0.1:9001/v1/tenants')).toMatchObject({ baseUrl: 'http://127.0.0.1:9001' });
	});
});
