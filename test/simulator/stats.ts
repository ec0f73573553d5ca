/**
 * Time-series statistics: which columns each statId has, which time buckets a window covers and
 * the (deterministic) values in them.
 *
 * Bucket rule (from Auvik's statistics article): points are stamped at the END of each interval.
 * For a window (fromTime, thruTime] at interval I the answer has one row per boundary t, t a
 * multiple of I in unix minutes (day boundaries are UTC midnights), with fromTime < t <= thruTime.
 * Buckets that have not finished yet (t later than the simulator clock) are left out.
 *
 * Every value is a pure function of (entity, statId, interval, t, column) so that splitting a
 * range into adjacent windows yields exactly the rows of the whole range: no gap, no duplicate.
 */
import { unitHash } from './prng';

export type StatFamily = 'device' | 'deviceAvailability' | 'interface' | 'component' | 'service';

export type Interval = 'minute' | 'hour' | 'day';

export const INTERVAL_MINUTES: Record<Interval, number> = { minute: 1, hour: 60, day: 1440 };

/** Valid statId per componentType on /v1/stat/component/{componentType}/{statId}. */
export const COMPONENT_STAT_IDS: Record<string, readonly string[]> = {
	cpu: ['capacity', 'latency', 'readiness', 'ready', 'swap'],
	cpuCore: ['idle', 'utilization'],
	disk: ['latency', 'queueLatency', 'rate', 'totalLatency'],
	fan: ['speed'],
	memory: ['counters', 'swap', 'swapRate', 'temperature'],
	powerSupply: ['power'],
	systemBoard: ['temperature'],
};

/**
 * How the value columns relate:
 *  - traffic: Transmit, Receive, Total (= Transmit + Receive)
 *  - pair:    two independent values
 *  - avgMax:  Average and Maximum (Maximum >= Average)
 *  - single:  one value
 *  - ping:    Maximum >= Average >= Minimum (columns in that legend order: max, min, avg)
 *  - packets: Transmitted, Received (<= Transmitted)
 *  - uptime:  percentage, mostly 100
 *  - outage:  seconds of outage inside the bucket, mostly 0
 */
type ValueKind =
	| 'traffic'
	| 'pair'
	| 'avgMax'
	| 'single'
	| 'ping'
	| 'packets'
	| 'uptime'
	| 'outage';

export interface StatShape {
	statType: string;
	/** Column names, first is always "Recorded At". */
	legend: string[];
	/** Column units, first is always "unix_mins". */
	unit: string[];
	kind: ValueKind;
	/** Magnitude of the values (bits/s, rpm, ...); percentages ignore it. */
	scale: number;
	/** Percent-like values are capped at 100. */
	percent: boolean;
}

function shape(
	statType: string,
	kind: ValueKind,
	columns: string[],
	unit: string,
	scale = 1,
): StatShape {
	return {
		statType,
		legend: ['Recorded At', ...columns],
		unit: ['unix_mins', ...columns.map(() => unit)],
		kind,
		scale,
		percent: unit === 'percent',
	};
}

const TRAFFIC = ['Transmit', 'Receive', 'Total'];
const AVG_MAX = ['Average', 'Maximum'];

const DEVICE_SHAPES: Record<string, StatShape> = {
	bandwidth: shape(
		'deviceBandwidth',
		'traffic',
		['Transmit', 'Receive', 'Bandwidth'],
		'bits_per_sec',
		5e6,
	),
	cpuUtilization: shape('deviceCpuUtilization', 'avgMax', AVG_MAX, 'percent'),
	memoryUtilization: shape('deviceMemoryUtilization', 'avgMax', AVG_MAX, 'percent'),
	storageUtilization: shape('deviceStorageUtilization', 'avgMax', AVG_MAX, 'percent'),
	packetUnicast: shape('devicePacketUnicast', 'traffic', TRAFFIC, 'packets_per_sec', 2000),
	packetMulticast: shape('devicePacketMulticast', 'traffic', TRAFFIC, 'packets_per_sec', 100),
	packetBroadcast: shape('devicePacketBroadcast', 'traffic', TRAFFIC, 'packets_per_sec', 50),
};

const AVAILABILITY_SHAPES: Record<string, StatShape> = {
	uptime: shape('deviceUptime', 'uptime', ['Uptime'], 'percent'),
	outage: shape('deviceOutage', 'outage', ['Outage'], 'seconds'),
};

const INTERFACE_SHAPES: Record<string, StatShape> = {
	bandwidth: shape(
		'interfaceBandwidth',
		'traffic',
		['Transmit', 'Receive', 'Bandwidth'],
		'bits_per_sec',
		2e6,
	),
	utilization: shape('interfaceUtilization', 'pair', ['Transmit', 'Receive'], 'percent'),
	packetLoss: shape('interfacePacketLoss', 'pair', ['Transmit', 'Receive'], 'percent'),
	packetDiscard: shape('interfacePacketDiscard', 'pair', ['Transmit', 'Receive'], 'packets', 20),
	packetMulticast: shape('interfacePacketMulticast', 'traffic', TRAFFIC, 'packets_per_sec', 80),
	packetUnicast: shape('interfacePacketUnicast', 'traffic', TRAFFIC, 'packets_per_sec', 1500),
	packetBroadcast: shape('interfacePacketBroadcast', 'traffic', TRAFFIC, 'packets_per_sec', 40),
};

/** Component shapes keyed "componentType/statId". */
const COMPONENT_SHAPES: Record<string, StatShape> = {
	'cpu/capacity': shape('cpuCapacity', 'single', ['Capacity'], 'megahertz', 2400),
	'cpu/latency': shape('cpuLatency', 'avgMax', AVG_MAX, 'milliseconds', 5),
	'cpu/readiness': shape('cpuReadiness', 'avgMax', AVG_MAX, 'percent'),
	'cpu/ready': shape('cpuReady', 'avgMax', AVG_MAX, 'milliseconds', 200),
	'cpu/swap': shape('cpuSwap', 'avgMax', AVG_MAX, 'milliseconds', 50),
	'cpuCore/idle': shape('cpuCoreIdle', 'avgMax', AVG_MAX, 'percent'),
	'cpuCore/utilization': shape('cpuCoreUtilization', 'avgMax', AVG_MAX, 'percent'),
	'disk/latency': shape('diskLatency', 'avgMax', AVG_MAX, 'milliseconds', 8),
	'disk/queueLatency': shape('diskQueueLatency', 'avgMax', AVG_MAX, 'milliseconds', 2),
	'disk/rate': shape('diskRate', 'pair', ['Read', 'Write'], 'bytes_per_sec', 4e6),
	'disk/totalLatency': shape('diskTotalLatency', 'avgMax', AVG_MAX, 'milliseconds', 10),
	'fan/speed': shape('fanSpeed', 'single', ['Speed'], 'rpm', 4000),
	'memory/counters': shape('memoryCounters', 'pair', ['Used', 'Free'], 'bytes', 8e9),
	'memory/swap': shape('memorySwap', 'pair', ['Swap In', 'Swap Out'], 'bytes', 1e7),
	'memory/swapRate': shape('memorySwapRate', 'pair', ['Swap In', 'Swap Out'], 'bytes_per_sec', 1e5),
	'memory/temperature': shape('memoryTemperature', 'avgMax', AVG_MAX, 'celsius', 45),
	'powerSupply/power': shape('powerSupplyPower', 'single', ['Power'], 'watts', 350),
	'systemBoard/temperature': shape('systemBoardTemperature', 'avgMax', AVG_MAX, 'celsius', 40),
};

const SERVICE_SHAPES: Record<string, StatShape> = {
	pingTime: shape('servicePingTime', 'ping', ['Maximum', 'Minimum', 'Average'], 'milliseconds', 30),
	pingPacket: shape('servicePingPacket', 'packets', ['Transmitted', 'Received'], 'packets', 12),
};

/** Columns of a statistic, or undefined when the (family, statId[, componentType]) pair is unknown. */
export function statShape(
	family: StatFamily,
	statId: string,
	componentType?: string,
): StatShape | undefined {
	switch (family) {
		case 'device':
			return DEVICE_SHAPES[statId];
		case 'deviceAvailability':
			return AVAILABILITY_SHAPES[statId];
		case 'interface':
			return INTERFACE_SHAPES[statId];
		case 'component':
			return COMPONENT_SHAPES[`${componentType}/${statId}`];
		case 'service':
			return SERVICE_SHAPES[statId];
	}
	return undefined;
}

/** Bucket-end timestamps (unix minutes) inside (fromMs, min(thruMs, nowMs)]. */
export function bucketTimes(
	fromMs: number,
	thruMs: number,
	nowMs: number,
	interval: Interval,
): number[] {
	return boundaryTimes(fromMs, thruMs, nowMs, INTERVAL_MINUTES[interval]);
}

/** Multiples of `step` minutes (as unix minutes) inside (fromMs, min(thruMs, nowMs)]. */
export function boundaryTimes(
	fromMs: number,
	thruMs: number,
	nowMs: number,
	step: number,
): number[] {
	const upper = Math.min(thruMs, nowMs);
	// first boundary strictly after fromMs
	let t = (Math.floor(fromMs / 60_000 / step) + 1) * step;
	const out: number[] = [];
	for (; t * 60_000 <= upper; t += step) out.push(t);
	return out;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * One row [t, ...values] per bucket. `entityKey` identifies the series (entity id, plus the stat
 * index for multi-part stats); values never depend on the window that was asked for.
 */
export function statRows(
	shape: StatShape,
	entityKey: string,
	statId: string,
	interval: Interval,
	times: number[],
): number[][] {
	const level = unitHash(entityKey, statId, 'level');
	const phase = unitHash(entityKey, statId, 'phase') * 2 * Math.PI;
	return times.map((t) => {
		const n = (col: number): number => unitHash(entityKey, statId, interval, t, col);
		// daily rhythm in [0, 1]
		const wave = 0.5 + 0.5 * Math.sin((2 * Math.PI * (t % 1440)) / 1440 + phase);
		const s = shape.scale;
		let values: number[];
		switch (shape.kind) {
			case 'traffic': {
				const tx = round2(s * (0.2 + level) * (0.3 + 0.5 * wave + 0.4 * n(0)));
				const rx = round2(s * (0.2 + level) * (0.4 + 0.6 * wave + 0.5 * n(1)));
				values = [tx, rx, round2(tx + rx)];
				break;
			}
			case 'pair': {
				const cap = shape.percent ? 100 : Number.POSITIVE_INFINITY;
				const base = shape.percent ? 40 : s;
				values = [
					round2(Math.min(cap, base * (0.1 + level * 0.6 + 0.3 * wave + 0.2 * n(0)))),
					round2(Math.min(cap, base * (0.1 + level * 0.5 + 0.3 * wave + 0.2 * n(1)))),
				];
				break;
			}
			case 'avgMax': {
				const cap = shape.percent ? 100 : Number.POSITIVE_INFINITY;
				const base = shape.percent ? 60 : s;
				const avg = round2(Math.min(cap, base * (0.1 + 0.6 * level + 0.3 * wave + 0.2 * n(0))));
				const max = round2(Math.min(cap, avg + base * 0.4 * n(1)));
				values = [avg, max];
				break;
			}
			case 'single':
				values = [round2(s * (0.7 + 0.3 * level + 0.1 * wave + 0.05 * n(0)))];
				break;
			case 'ping': {
				const min = round2(s * (0.2 + 0.5 * level + 0.2 * n(0)));
				const avg = round2(min + s * (0.1 + 0.2 * wave) * (0.5 + n(1)));
				const max = round2(avg + s * n(2));
				values = [max, min, avg];
				break;
			}
			case 'packets': {
				const sent = Math.round(s * INTERVAL_MINUTES[interval]);
				const lost = n(0) < 0.9 ? 0 : Math.floor(n(1) * 3);
				values = [sent, Math.max(0, sent - lost)];
				break;
			}
			case 'uptime':
				values = [n(0) < 0.95 ? 100 : round2(90 + 10 * n(1))];
				break;
			case 'outage':
				values = [n(0) < 0.95 ? 0 : Math.round(n(1) * 60 * INTERVAL_MINUTES[interval] * 0.2)];
				break;
		}
		return [t, ...values];
	});
}
