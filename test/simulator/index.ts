/**
 * Loopback Auvik API simulator for behaviour tests (and, through cli.ts, for manual runs).
 *
 *   const sim = await startSimulator({ tenants: 2, devicesPerTenant: 50 });
 *   // point the node's credential at sim.url with sim.credentials.username / apiKey
 *   ...
 *   await sim.close();
 *
 * See server.ts for the request pipeline and the fault controls, routes.ts for what each
 * operation answers, data.ts for the generated entities, stats.ts for statistics values.
 */
export {
	startSimulator,
	CONTENT_TYPE,
	type Simulator,
	type RecordedRequest,
	type FailOptions,
	type DropOptions,
	type SlowOptions,
	type PathMatcher,
	type AddAlertInput,
} from './server';
export type { SimulatorOptions, ResolvedOptions, SimIndex } from './state';
export type * from './data';
export {
	COMPONENT_STAT_IDS,
	INTERVAL_MINUTES,
	bucketTimes,
	statShape,
	statRows,
	type Interval,
	type StatFamily,
	type StatShape,
} from './stats';
export { HANDLED_OPERATIONS } from './routes';
export { encodeCursor } from './paging';
export type { ErrorBody, ErrorObject } from './errors';
