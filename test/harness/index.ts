/**
 * Test harness: run our real node classes inside n8n-core's real engine, with n8n-core's real
 * HTTP helpers (no request mocking; point the node at a loopback server instead).
 *
 *   runWorkflow({ nodeType, parameters, inputItems, credentials, credentialTypes, onError, ... })
 *       → { status, error, nodeError, outputs, run, staticData, credentialsHelper, durationMs, ... }
 *   makeLoadOptionsContext({ nodeType, parameters, credentials, credentialTypes }) → LoadOptionsContext
 *   makePollContext({ nodeType, parameters, credentials, credentialTypes, staticData, mode }) → PollContext
 *   makeWebhookContext({ nodeType, parameters, request, staticData, ... }) → { context, response }
 *   makeHookContext({ nodeType, parameters, staticData, ... }) → HookContext
 *   HarnessCredentialsHelper: ICredentialsHelper applying the credential class's real `authenticate`
 *
 * Environment: n8n-core's InstanceSettings writes `<N8N_USER_FOLDER>/.n8n/config` on first use;
 * test/setup-env.js (a jest setupFile) points N8N_USER_FOLDER at a temp dir and fixes
 * N8N_ENCRYPTION_KEY. Nothing has to be registered in n8n-core's DI container: `OutboundHttp`
 * (used by every request helper) and its dependencies are auto-constructed `@Service()`s.
 *
 * Open handles: the harness starts no timers or servers. Close your test HTTP server with
 * `server.closeAllConnections()` + `server.close()` (the request helper keeps sockets alive)
 * and jest exits on its own; no `--forceExit` needed.
 */
import './env';

export { INSTANCE_BASE_URL, makeAdditionalData } from './additional-data';
export type { AdditionalDataOptions } from './additional-data';
export { HarnessCredentialsHelper } from './credentials-helper';
export type { AuthenticateCall, TestCredentials } from './credentials-helper';
export { makeHookContext, makeLoadOptionsContext, makePollContext, makeWebhookContext } from './contexts';
export type {
	FakeWebhookRequest,
	HookContextOptions,
	LoadOptionsContextOptions,
	NodeContextOptions,
	PollContextOptions,
	RecordedResponse,
	WebhookContextOptions,
	WebhookContextResult,
} from './contexts';
export {
	descriptionOf,
	HarnessNodeTypes,
	HarnessPassThroughNode,
	HarnessStartNode,
	latestVersionOf,
	PASS_THROUGH_NODE_TYPE,
	START_NODE_NAME,
	START_NODE_TYPE,
} from './node-types';
export type { AnyNodeType } from './node-types';
export { DEFAULT_NODE_TYPE_NAME, outputsOf, runWorkflow } from './run-workflow';
export type { DownstreamNode, OnErrorSetting, RunWorkflowOptions, RunWorkflowResult } from './run-workflow';
export { reply, startTestServer } from './test-server';
export type { RecordedRequest, TestServer, TestServerHandler } from './test-server';
