import { alignTime, batches, columnName, resolveRange, splitWindows } from '../../nodes/Auvik/actions/statistics';

const H = 3_600_000;
const D = 24 * H;

describe('statistics time windows', () => {
	const now = Date.parse('2026-03-10T13:47:12.345Z');

	it('aligns presets to whole intervals, thru = the last complete bucket end', () => {
		expect(resolveRange('last24Hours', 'hour', now)).toEqual({ from: Date.parse('2026-03-09T13:00:00Z'), thru: Date.parse('2026-03-10T13:00:00Z') });
		expect(resolveRange('lastHour', 'minute', now)).toEqual({ from: Date.parse('2026-03-10T12:47:00Z'), thru: Date.parse('2026-03-10T13:47:00Z') });
		expect(resolveRange('last7Days', 'day', now)).toEqual({ from: Date.parse('2026-03-03T00:00:00Z'), thru: Date.parse('2026-03-10T00:00:00Z') });
		expect(resolveRange('last30Days', 'hour', now).thru - resolveRange('last30Days', 'hour', now).from).toBe(30 * D);
	});

	it('widens a custom range outward to whole intervals', () => {
		const r = resolveRange('custom', 'hour', now, new Date('2026-03-01T10:15:00Z'), new Date('2026-03-01T12:05:00Z'));
		expect(r).toEqual({ from: Date.parse('2026-03-01T10:00:00Z'), thru: Date.parse('2026-03-01T13:00:00Z') });
		expect(alignTime(Date.parse('2026-03-01T12:00:00Z'), 'hour', true)).toBe(Date.parse('2026-03-01T12:00:00Z'));
		expect(() => resolveRange('custom', 'hour', now)).toThrow(/From/);
	});

	it('splits a range into consecutive windows with no gap and no overlap', () => {
		const range = { from: Date.parse('2026-03-01T00:00:00Z'), thru: Date.parse('2026-03-04T06:00:00Z') };
		const windows = splitWindows(range, 'minute', D);
		expect(windows).toHaveLength(4);
		expect(windows[0].from).toBe(range.from);
		expect(windows[windows.length - 1].thru).toBe(range.thru);
		for (let i = 1; i < windows.length; i++) expect(windows[i].from).toBe(windows[i - 1].thru);
		expect(windows.map((w) => w.thru - w.from)).toEqual([D, D, D, 6 * H]);
		// a window never cuts an interval in half
		expect(splitWindows({ from: 0, thru: 10 * H }, 'hour', 2.5 * H).map((w) => w.thru - w.from)).toEqual([2 * H, 2 * H, 2 * H, 2 * H, 2 * H]);
	});

	it('batches tenants, and keeps one empty batch for "all tenants"', () => {
		expect(batches(['a', 'b', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
		expect(batches([], 1)).toEqual([[]]);
	});

	it('names value columns after legend and unit', () => {
		expect(columnName('Transmit', 'bits_per_sec')).toBe('transmit_bits_per_sec');
		expect(columnName('Average', 'percent')).toBe('average_percent');
		expect(columnName('Ping Time Average', 'ms')).toBe('ping_time_average_ms');
		expect(columnName('Packets', undefined)).toBe('packets');
	});
});
