/**
 * `runWorkflow()`: execute a node under test inside n8n-core's real `WorkflowExecute`.
 *
 * The workflow is   Start (test.start, emits `inputItems`) → node under test [→ downstream nodes]
 * and runs through the same code path `n8n execute` / the editor's "Test workflow" uses:
 * `WorkflowExecute.processRunExecutionData()` with an execution stack that starts at Start.
 * Everything the engine does around a node is therefore real: parameter defaults and expression
 * resolution, paired-item assignment, "On Error" (continueRegularOutput / continueErrorOutput and
 * the error-output routing), "Retry On Fail", static data, and HTTP through n8n-core's request
 * helpers (`@n8n/backend-network` OutboundHttp, resolved from n8n-core's DI container without any
 * registration). Only the credentials store is ours (see credentials-helper.ts).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IConnections,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	IRun,
	ITaskData,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { makeAdditionalData } from './additional-data';
import type { TestCredentials } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { AnyNodeType } from './node-types';
import {
	descriptionOf,
	HarnessNodeTypes,
	HarnessPassThroughNode,
	HarnessStartNode,
	latestVersionOf,
	PASS_THROUGH_NODE_TYPE,
	START_NODE_NAME,
	START_NODE_TYPE,
} from './node-types';

/** Default type name of the node under test: package name + node `name`, as n8n registers it. */
export const DEFAULT_NODE_TYPE_NAME = 'n8n-nodes-auvik.auvik';

export type OnErrorSetting = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

/** A node connected after the node under test. */
export interface DownstreamNode {
	/** Unique node name in the workflow. */
	name: string;
	/** Defaults to the harness pass-through node. */
	nodeType?: AnyNodeType;
	/** Defaults to `test.passThrough`; must be unique per distinct nodeType. */
	nodeTypeName?: string;
	parameters?: INodeParameters;
	/** Which output of the node under test feeds it (0 = main, 1 = error output). Default 0. */
	fromOutput?: number;
}

export interface RunWorkflowOptions {
	/** Instance of the node class under test (`new Auvik()`), INodeType or VersionedNodeType. */
	nodeType: AnyNodeType;
	/** Default `n8n-nodes-auvik.auvik`. */
	nodeTypeName?: string;
	/** Default: the node type's newest version. */
	typeVersion?: number;
	/** Default: the description's `defaults.name`. */
	nodeName?: string;
	/** Node parameters as saved in a workflow; defaults are added by n8n's `Workflow` constructor. */
	parameters: INodeParameters;
	/** JSON of the items the Start node emits (= the node's input). Default `[{}]`. */
	inputItems?: IDataObject[];
	/** Plaintext test credentials keyed by credential type name. Each one is attached to the node. */
	credentials?: TestCredentials;
	/** The real credential classes (`new AuvikApi()`), needed for authenticate/defaults. */
	credentialTypes?: ICredentialType[];
	/** Reuse a helper (e.g. to keep counters across runs); otherwise a new one is created. */
	credentialsHelper?: HarnessCredentialsHelper;
	/** Node setting "On Error". Default `stopWorkflow`. */
	onError?: OnErrorSetting;
	/** Node setting "Retry On Fail". */
	retryOnFail?: boolean;
	/** Clamped by n8n to 2..5 (0/undefined → 3). */
	maxTries?: number;
	/**
	 * Clamped by n8n to 0..5000 ms. n8n treats 0/undefined as 1000 ms; THE HARNESS DEFAULTS TO 1 ms
	 * when `retryOnFail` is set, so retry tests stay fast. Pass 1000 to get the UI default.
	 */
	waitBetweenTries?: number;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	/** Workflow static data (`{ global: {...}, 'node:<name>': {...} }`); deep-cloned, never mutated. */
	staticData?: IDataObject;
	/** Nodes connected after the node under test. */
	downstream?: DownstreamNode[];
	/** Execution mode. Default `manual` (the editor's "Test workflow"); `cli` = `n8n execute`. */
	mode?: WorkflowExecuteMode;
	/** Workflow settings (timezone, executionOrder...). Default `{ executionOrder: 'v1' }`. */
	settings?: IWorkflowBase['settings'];
}

export interface RunWorkflowResult {
	/** `success` | `error` | ... as the engine reports it. */
	status: ExecutionStatus;
	/** `run.data.resultData.error` (a plain copy of the error that stopped the run), if any. */
	error: ExecutionError | undefined;
	/** The error recorded on the node under test's task (also set when On Error continued). */
	nodeError: ExecutionError | undefined;
	/** Every main output of the node under test (`[0]` = success, `[1]` = error output if enabled). */
	outputs: INodeExecutionData[][];
	/** The node under test's task data (last run). */
	taskData: ITaskData | undefined;
	/** The full IRun as n8n would store it. */
	run: IRun;
	/** Workflow static data after the run (plain JSON copy). */
	staticData: IDataObject;
	/** Whether the engine flagged static data as changed (n8n only saves it then). */
	staticDataChanged: boolean;
	/** Node names in the order they finished. */
	executedNodes: string[];
	/** The workflow-level node name of the node under test. */
	nodeName: string;
	/** The helper used: `authenticateCount`, `authenticateCalls`, `preAuthenticationCount`... */
	credentialsHelper: HarnessCredentialsHelper;
	/** Wall-clock duration of `processRunExecutionData`. */
	durationMs: number;
}

let executionCounter = 0;

/** Outputs of any node in a finished run (last run index), e.g. a downstream node's. */
export function outputsOf(run: IRun, nodeName: string): INodeExecutionData[][] {
	const tasks = run.data.resultData.runData[nodeName];
	const main = tasks?.at(-1)?.data?.[NodeConnectionTypes.Main] ?? [];
	return main.map((items) => items ?? []);
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult> {
	const nodeTypeName = options.nodeTypeName ?? DEFAULT_NODE_TYPE_NAME;
	const typeVersion = options.typeVersion ?? latestVersionOf(options.nodeType);
	const description = descriptionOf(options.nodeType, typeVersion);
	const nodeName = options.nodeName ?? description.defaults.name ?? 'Node Under Test';
	const mode = options.mode ?? 'manual';
	const credentials = options.credentials ?? {};

	const nodeTypes = new HarnessNodeTypes({
		[START_NODE_TYPE]: new HarnessStartNode(),
		[PASS_THROUGH_NODE_TYPE]: new HarnessPassThroughNode(),
		[nodeTypeName]: options.nodeType,
	});
	for (const extra of options.downstream ?? []) {
		if (extra.nodeType) nodeTypes.add(extra.nodeTypeName ?? extra.name, extra.nodeType);
	}

	// Attach every given credential to the node, like picking it in the node's credential dropdown.
	const nodeCredentials: INodeCredentials = {};
	for (const type of Object.keys(credentials)) {
		nodeCredentials[type] = { id: `test-${type}`, name: `Test ${type}` };
	}

	const startNode: INode = {
		id: 'start',
		name: START_NODE_NAME,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: nodeTypeName,
		typeVersion,
		position: [200, 0],
		parameters: structuredClone(options.parameters),
		credentials: nodeCredentials,
		...(options.onError && { onError: options.onError }),
		...(options.retryOnFail && {
			retryOnFail: true,
			maxTries: options.maxTries,
			waitBetweenTries: options.waitBetweenTries ?? 1,
		}),
		...(options.alwaysOutputData && { alwaysOutputData: true }),
		...(options.executeOnce && { executeOnce: true }),
	};
	const downstreamNodes: INode[] = (options.downstream ?? []).map((extra, index) => ({
		id: `downstream-${index}`,
		name: extra.name,
		type: extra.nodeType ? (extra.nodeTypeName ?? extra.name) : PASS_THROUGH_NODE_TYPE,
		typeVersion: extra.nodeType ? latestVersionOf(extra.nodeType) : 1,
		position: [400, index * 200],
		parameters: structuredClone(extra.parameters ?? {}),
	}));

	const main = NodeConnectionTypes.Main;
	const connections: IConnections = {
		[START_NODE_NAME]: { [main]: [[{ node: nodeName, type: main, index: 0 }]] },
	};
	for (const extra of options.downstream ?? []) {
		const output = extra.fromOutput ?? 0;
		connections[nodeName] ??= { [main]: [] };
		const outputs = connections[nodeName][main];
		while (outputs.length <= output) outputs.push([]);
		outputs[output]!.push({ node: extra.name, type: main, index: 0 });
	}

	const nodes = [startNode, nodeUnderTest, ...downstreamNodes];
	const settings = options.settings ?? { executionOrder: 'v1' };
	const workflowId = 'harness-workflow';
	// The Workflow constructor adds parameter defaults to every node (as n8n does when executing).
	const workflow = new Workflow({
		id: workflowId,
		name: 'Harness workflow',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings,
		staticData: structuredClone(options.staticData ?? {}),
	});

	const executionId = `harness-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings,
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (name) => {
		executedNodes.push(name);
	});

	const credentialsHelper =
		options.credentialsHelper ??
		new HarnessCredentialsHelper(credentials, options.credentialTypes ?? []);
	if (options.credentialsHelper) {
		for (const [type, data] of Object.entries(credentials)) credentialsHelper.setCredentials(type, data);
	}
	const additionalData = makeAdditionalData({ credentialsHelper, hooks, executionId });

	const inputItems = (options.inputItems ?? [{}]).map((json) => ({ json: structuredClone(json) }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode(START_NODE_NAME)!, data: { [main]: [inputItems] }, source: null },
			],
		},
	});

	const started = performance.now();
	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const durationMs = performance.now() - started;

	const taskData = run.data.resultData.runData[nodeName]?.at(-1);
	const outputs = outputsOf(run, nodeName);
	if (options.onError === 'continueErrorOutput') while (outputs.length < 2) outputs.push([]);

	return {
		status: run.status,
		error: run.data.resultData.error,
		nodeError: taskData?.error,
		outputs,
		taskData,
		run,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		staticDataChanged: workflow.staticData.__dataChanged === true,
		executedNodes,
		nodeName,
		credentialsHelper,
		durationMs,
	};
}
