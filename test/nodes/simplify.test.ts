import { indexIncluded, relationshipKey, simplifyResource } from '../../nodes/Auvik/helpers/simplify';

describe('simplify', () => {
	it('joins relationship and key names without stutter', () => {
		expect(relationshipKey('device', 'deviceName')).toBe('deviceName');
		expect(relationshipKey('parentDevice', 'deviceName')).toBe('parentDeviceName');
		expect(relationshipKey('tenant', 'domainPrefix')).toBe('tenantDomainPrefix');
		expect(relationshipKey('tenant', 'id')).toBe('tenantId');
	});

	it('flattens a JSON:API resource and merges included side-loads', () => {
		const device = {
			type: 'device',
			id: 'd1',
			attributes: { deviceName: 'core-sw', deviceType: 'switch', ipAddresses: ['10.0.0.1'] },
			relationships: {
				tenant: { data: { type: 'tenant', id: 't1', attributes: { domainPrefix: 'client1' } } },
				networks: { data: [{ type: 'network', id: 'n1' }, { type: 'network', id: 'n2' }] },
				deviceDetail: { data: { type: 'deviceDetail', id: 'd1' } },
			},
			links: { self: 'https://x/v1/inventory/device/info/d1', dashboard: 'https://client1.my.auvik.com/#d1' },
		};
		const included = indexIncluded([{ type: 'deviceDetail', id: 'd1', attributes: { manageStatus: true } }]);
		expect(simplifyResource(device, included)).toEqual({
			id: 'd1',
			type: 'device',
			deviceName: 'core-sw',
			deviceType: 'switch',
			ipAddresses: ['10.0.0.1'],
			tenantId: 't1',
			tenantDomainPrefix: 'client1',
			networkIds: ['n1', 'n2'],
			deviceDetailId: 'd1',
			deviceDetail: { manageStatus: true },
			dashboardUrl: 'https://client1.my.auvik.com/#d1',
		});
	});
});
