/**
 * Run the Auvik simulator standalone, e.g. to point a local n8n at it:
 *
 *   node cli.js --port 8790 --tenants 5 --devices 200 --latency 20 --page-max 1000 --alerts-every 5s
 *
 * Every option can also come from the environment (AUVIK_SIM_PORT, AUVIK_SIM_TENANTS, ...);
 * command-line flags win. Prints the URL, the credentials and the tenant IDs, then serves until
 * SIGINT/SIGTERM.
 */
import { startSimulator, type Simulator } from './server';
import type { SimulatorOptions } from './state';

interface FlagSpec {
	env: string;
	help: string;
}

const FLAGS: Record<string, FlagSpec> = {
	port: { env: 'AUVIK_SIM_PORT', help: 'port to listen on (default 0 = random)' },
	host: { env: 'AUVIK_SIM_HOST', help: 'interface to listen on (default 127.0.0.1)' },
	seed: { env: 'AUVIK_SIM_SEED', help: 'data seed (default 1)' },
	tenants: { env: 'AUVIK_SIM_TENANTS', help: 'client tenants under the MSP tenant (default 3)' },
	devices: { env: 'AUVIK_SIM_DEVICES', help: 'devices per tenant (default 20)' },
	alerts: { env: 'AUVIK_SIM_ALERTS', help: 'alerts per tenant (default 10)' },
	latency: {
		env: 'AUVIK_SIM_LATENCY',
		help: 'delay added to every answer, e.g. 20 or 20ms (default 0)',
	},
	'page-max': { env: 'AUVIK_SIM_PAGE_MAX', help: 'largest v1 page[first] (default 1000)' },
	'alerts-every': {
		env: 'AUVIK_SIM_ALERTS_EVERY',
		help: 'add a new alert periodically, e.g. 5s, 2m (bare number = seconds)',
	},
	'rate-limit': { env: 'AUVIK_SIM_RATE_LIMIT', help: 'requests per window, e.g. 2500/5m' },
	'stat-max-minutes': {
		env: 'AUVIK_SIM_STAT_MAX_MINUTES',
		help: 'longest minute-interval statistics window before 504 (default 1440)',
	},
	region: { env: 'AUVIK_SIM_REGION', help: 'region used in dashboard links (default us1)' },
	username: { env: 'AUVIK_SIM_USERNAME', help: 'accepted user name (default api@example.com)' },
	'api-key': { env: 'AUVIK_SIM_API_KEY', help: 'accepted API key (default sim-api-key-123)' },
};

/** "250ms", "5s", "2m", "1h"; a bare number uses `bareUnitMs`. */
export function parseDuration(text: string, bareUnitMs: number): number {
	const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
	if (!m) throw new Error(`Invalid duration '${text}' (use e.g. 500ms, 5s, 2m, 1h)`);
	const unit =
		m[2] === undefined ? bareUnitMs : ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]] ?? 1);
	return Math.round(Number(m[1]) * unit);
}

function parseInteger(name: string, text: string): number {
	if (!/^\d+$/.test(text)) throw new Error(`--${name} expects a whole number, got '${text}'`);
	return Number(text);
}

export interface CliConfig {
	options: SimulatorOptions;
	/** Period of automatic new alerts in ms, if any. */
	alertsEveryMs?: number;
	help: boolean;
}

/** Turn argv (after the script name) and the environment into simulator options. */
export function parseArgs(argv: string[], env: Record<string, string | undefined> = {}): CliConfig {
	const values: Record<string, string> = {};
	for (const [name, spec] of Object.entries(FLAGS)) {
		const fromEnv = env[spec.env];
		if (fromEnv !== undefined && fromEnv !== '') values[name] = fromEnv;
	}
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			help = true;
			continue;
		}
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!m || !FLAGS[m[1]]) throw new Error(`Unknown argument '${arg}' (see --help)`);
		const value = m[2] ?? argv[++i];
		if (value === undefined) throw new Error(`--${m[1]} needs a value`);
		values[m[1]] = value;
	}

	const options: SimulatorOptions = {};
	if (values.port !== undefined) options.port = parseInteger('port', values.port);
	if (values.host !== undefined) options.host = values.host;
	if (values.seed !== undefined) options.seed = parseInteger('seed', values.seed);
	if (values.tenants !== undefined) options.tenants = parseInteger('tenants', values.tenants);
	if (values.devices !== undefined)
		options.devicesPerTenant = parseInteger('devices', values.devices);
	if (values.alerts !== undefined) options.alertsPerTenant = parseInteger('alerts', values.alerts);
	if (values.latency !== undefined) options.latencyMs = parseDuration(values.latency, 1);
	if (values['page-max'] !== undefined)
		options.pageMax = parseInteger('page-max', values['page-max']);
	if (values['stat-max-minutes'] !== undefined) {
		options.statMaxMinutesAtMinuteInterval = parseInteger(
			'stat-max-minutes',
			values['stat-max-minutes'],
		);
	}
	if (values.region !== undefined) options.region = values.region;
	if (values.username !== undefined) options.username = values.username;
	if (values['api-key'] !== undefined) options.apiKey = values['api-key'];
	if (values['rate-limit'] !== undefined) {
		const m = /^(\d+)\/(.+)$/.exec(values['rate-limit']);
		if (!m) throw new Error(`--rate-limit expects <requests>/<window>, e.g. 2500/5m`);
		options.rateLimit = { limit: Number(m[1]), windowMs: parseDuration(m[2], 1000) };
	}
	const alertsEveryMs =
		values['alerts-every'] !== undefined ? parseDuration(values['alerts-every'], 1000) : undefined;
	if (alertsEveryMs !== undefined && alertsEveryMs <= 0)
		throw new Error('--alerts-every must be positive');
	return { options, alertsEveryMs, help };
}

function usage(): string {
	const lines = ['Usage: cli [options]', '', 'Options (environment variable in brackets):'];
	for (const [name, spec] of Object.entries(FLAGS))
		lines.push(`  --${name.padEnd(18)} ${spec.help} [${spec.env}]`);
	return lines.join('\n');
}

/**
 * Every period, add an alert: mostly new triggers on a rotating tenant/device, and every third
 * time a clearing (resolved) alert for the oldest still-open trigger added this way.
 */
function startAlertFeed(
	sim: Simulator,
	periodMs: number,
	log: (line: string) => void,
): NodeJS.Timeout {
	const open: string[] = [];
	const names = [
		'Device Offline',
		'High CPU Utilization',
		'Interface Down',
		'Power Supply Failure',
	];
	const severities = ['critical', 'warning', 'critical', 'emergency'];
	let n = 0;
	const timer = setInterval(() => {
		n++;
		const clearing = n % 3 === 0 && open.length > 0;
		const alert = clearing
			? sim.addAlert({ status: 'resolved', relatedAlertId: open.shift() })
			: (() => {
					const tenant = sim.data.clientTenants[n % sim.data.clientTenants.length];
					const devices = sim.data.devices.filter((d) => d.tenantId === tenant.id);
					const device = devices[n % Math.max(1, devices.length)];
					const k = n % names.length;
					// interface alerts are raised on one of the device's interfaces
					const entityId = names[k].startsWith('Interface')
						? (sim.index.interfacesByDevice.get(device?.id ?? '')?.[0]?.id ?? device?.id)
						: device?.id;
					return sim.addAlert({
						tenantId: tenant.id,
						entityId,
						name: names[k],
						severity: severities[k],
					});
				})();
		if (!clearing) open.push(alert.id);
		log(
			`[${alert.detectedOn}] alert ${alert.id} ${alert.status} "${alert.name}" (${alert.severity}) on ${alert.entity.name}`,
		);
	}, periodMs);
	timer.unref();
	return timer;
}

/** Start a simulator from argv/env, print how to reach it and serve until a signal arrives. */
export async function main(
	argv: string[] = process.argv.slice(2),
	env: Record<string, string | undefined> = process.env,
	log: (line: string) => void = (line) => console.log(line),
): Promise<Simulator | undefined> {
	const config = parseArgs(argv, env);
	if (config.help) {
		log(usage());
		return undefined;
	}
	const sim = await startSimulator(config.options);
	const d = sim.data;
	log(`Auvik API simulator listening on ${sim.url}`);
	log(`  username: ${sim.credentials.username}`);
	log(`  API key:  ${sim.credentials.apiKey}`);
	log(`  top tenant: ${d.topTenant.id} (${d.topTenant.domainPrefix}, multiClient)`);
	for (const t of d.clientTenants) log(`  client tenant: ${t.id} (${t.domainPrefix})`);
	log(
		`  ${d.devices.length} devices, ${d.interfaces.length} interfaces, ${d.alerts.length} alerts`,
	);
	log(
		`  try: curl -g -u '${sim.credentials.username}:${sim.credentials.apiKey}' '${sim.url}/v1/inventory/device/info?page[first]=5'`,
	);

	const timer =
		config.alertsEveryMs !== undefined ? startAlertFeed(sim, config.alertsEveryMs, log) : undefined;
	const stop = (): void => {
		if (timer) clearInterval(timer);
		void sim.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	return sim;
}

if (require.main === module) {
	main().catch((err: unknown) => {
		console.error(err instanceof Error ? err.message : String(err));
		process.exit(1);
	});
}
