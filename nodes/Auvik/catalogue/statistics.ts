/**
 * Facts about Auvik's statistics endpoints that the spec does not carry in machine form:
 * which component statistic belongs to which component type, the time-range presets, and how
 * long one request's window may be per interval before Auvik risks timing out.
 */

/** Valid statId per componentType for /v1/stat/component/{componentType}/{statId}. */
export const COMPONENT_STAT_IDS: Record<string, string[]> = {
	cpu: ['capacity', 'latency', 'readiness', 'ready', 'swap'],
	cpuCore: ['idle', 'utilization'],
	disk: ['latency', 'queueLatency', 'rate', 'totalLatency'],
	fan: ['speed'],
	memory: ['counters', 'swap', 'swapRate', 'temperature'],
	powerSupply: ['power'],
	systemBoard: ['temperature'],
};

export type Interval = 'minute' | 'hour' | 'day';

export const INTERVAL_MS: Record<Interval, number> = {
	minute: 60_000,
	hour: 3_600_000,
	day: 86_400_000,
};

/**
 * Longest window one request covers by default, per interval: a day of minute points (1440
 * per entity), 31 days of hourly points (744), a year of daily points. Longer ranges are split.
 */
export const DEFAULT_WINDOW_MS: Record<Interval, number> = {
	minute: 24 * 3_600_000,
	hour: 31 * 86_400_000,
	day: 366 * 86_400_000,
};

export const TIME_RANGE_PRESETS: Record<string, number> = {
	lastHour: 3_600_000,
	last24Hours: 86_400_000,
	last7Days: 7 * 86_400_000,
	last30Days: 30 * 86_400_000,
};
