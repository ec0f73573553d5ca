/**
 * Node-type registry for the harness, plus the two tiny node types the harness itself needs.
 *
 * n8n's engine never sees a node *class*; it asks an `INodeTypes` registry for the type of each
 * node in the workflow by `node.type` + `node.typeVersion`. In a real instance that registry is
 * filled from installed packages; here we register class instances directly, so the node under
 * test can be imported straight from its TypeScript source (ts-jest compiles it).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

/** Anything the engine accepts as a node type: a plain `INodeType` or a `VersionedNodeType`. */
export type AnyNodeType = INodeType | IVersionedNodeType;

/** Type name of the harness's start node (a stand-in for n8n's Manual Trigger). */
export const START_NODE_TYPE = 'test.start';
/** Name the start node gets inside every workflow built by `runWorkflow`. */
export const START_NODE_NAME = 'Start';
/** Type name of the harness's pass-through node (handy as a downstream "capture" node). */
export const PASS_THROUGH_NODE_TYPE = 'test.passThrough';

function isVersioned(nodeType: AnyNodeType): nodeType is IVersionedNodeType {
	return 'nodeVersions' in nodeType;
}

/** Newest version of a node type, i.e. what a freshly added node would get in the editor. */
export function latestVersionOf(nodeType: AnyNodeType): number {
	if (isVersioned(nodeType)) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** The concrete `INodeType` (and therefore full description) for one version. */
export function resolveVersion(nodeType: AnyNodeType, version?: number): INodeType {
	return NodeHelpers.getVersionedNodeType(nodeType, version);
}

/** Full description of one version (versioned node types only carry a base description). */
export function descriptionOf(nodeType: AnyNodeType, version?: number): INodeTypeDescription {
	return resolveVersion(nodeType, version).description;
}

/** A minimal in-memory `INodeTypes` implementation (same shape as n8n's own test NodeTypes). */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	constructor(entries: Record<string, AnyNodeType> = {}) {
		for (const [name, type] of Object.entries(entries)) this.add(name, type);
	}

	add(name: string, nodeType: AnyNodeType): this {
		this.types.set(name, nodeType);
		return this;
	}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`[harness] unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return resolveVersion(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, { className: name }]));
	}
}

/**
 * The harness's start node. `runWorkflow` puts the test's input items on the execution stack as
 * this node's input; it passes them on unchanged (with pairedItem), exactly like a Manual Trigger
 * followed by pinned/"Edit Output" data would in the editor.
 *
 * It is a *programmatic* node with `execute()` rather than a real trigger: the engine then runs
 * it through the ordinary node path, so no trigger/poll machinery (timers, cron) is involved.
 */
export class HarnessStartNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Start',
		name: START_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits the input items given to runWorkflow()',
		defaults: { name: START_NODE_NAME },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

/** Passes its input through unchanged: connect it downstream to see what a following node receives. */
export class HarnessPassThroughNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Pass Through',
		name: PASS_THROUGH_NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Returns its input items unchanged',
		defaults: { name: 'Pass Through' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
}
