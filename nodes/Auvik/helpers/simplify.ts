/** Flattens JSON:API resources into one flat object per item (the "Simplify" output). */
import type { IDataObject } from 'n8n-workflow';

const SKIP_IDENTIFIER_KEYS = new Set(['type', 'id', 'links', 'meta', 'attributes']);
const ENTITY_KEYS = new Set(['parentDevice', 'device', 'interface', 'component', 'service', 'network', 'tenant']);

function cap(text: string): string {
	return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/**
 * Joins a relationship name and one of its identifier's keys without stuttering:
 * (device, deviceName) -> deviceName, (parentDevice, deviceName) -> parentDeviceName,
 * (tenant, domainPrefix) -> tenantDomainPrefix.
 */
export function relationshipKey(relationship: string, key: string): string {
	const rel = relationship.toLowerCase();
	const k = key.toLowerCase();
	for (let n = Math.min(rel.length, k.length); n > 0; n--) {
		if (rel.endsWith(k.slice(0, n))) return relationship + cap(key.slice(n));
	}
	return relationship + cap(key);
}

/** Index of `included` resources by type and id. */
export interface IncludedIndex {
	byKey: Map<string, IDataObject>;
	byId: Map<string, IDataObject[]>;
}

export function indexIncluded(included: IDataObject[]): IncludedIndex {
	const index: IncludedIndex = { byKey: new Map(), byId: new Map() };
	for (const r of included) {
		index.byKey.set(`${String(r.type)}:${String(r.id)}`, r);
		const list = index.byId.get(String(r.id)) ?? [];
		list.push(r);
		index.byId.set(String(r.id), list);
	}
	return index;
}

/**
 * id, type, every attribute, then per relationship `<rel>Id` (or `<rel>Ids` for lists) and the
 * few attributes Auvik embeds in relationship identifiers (names, domain prefixes). Included
 * resources that a relationship points at are merged in under the relationship's name.
 */
export function simplifyResource(resource: IDataObject, included?: IncludedIndex): IDataObject {
	const out: IDataObject = { id: resource.id, type: resource.type };
	const attributes = (resource.attributes ?? {}) as IDataObject;
	for (const [key, value] of Object.entries(attributes)) out[key] = value;
	const relationships = (resource.relationships ?? {}) as IDataObject;
	for (const [rel, member] of Object.entries(relationships)) {
		const data = (member as IDataObject | null)?.data as IDataObject | IDataObject[] | null | undefined;
		if (Array.isArray(data)) {
			out[`${rel.replace(/s$/, '')}Ids`] = data.map((d) => d?.id).filter((id) => id !== undefined) as string[];
			continue;
		}
		if (!data || typeof data !== 'object') continue;
		if (data.id !== undefined) out[relationshipKey(rel, 'id')] = data.id;
		const embedded = { ...(data.attributes as IDataObject | undefined) } as IDataObject;
		for (const [key, value] of Object.entries(data)) {
			if (!SKIP_IDENTIFIER_KEYS.has(key)) embedded[key] = value;
		}
		for (const [key, value] of Object.entries(embedded)) {
			if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
				// nested identifiers, e.g. an interface's parentDevice inside a statistics relationship
				const nested = value as IDataObject;
				const inner = (nested.data ?? nested) as IDataObject;
				if (inner && inner.id !== undefined) out[relationshipKey(key, 'id')] = inner.id;
				continue;
			}
			// an identifier may embed another entity by bare ID, e.g. an interface's parentDevice
			const name = ENTITY_KEYS.has(key) ? relationshipKey(key, 'id') : relationshipKey(rel, key);
			if (!(name in out)) out[name] = value;
		}
		const side = included?.byKey.get(`${String(data.type)}:${String(data.id)}`);
		if (side) out[rel] = { ...((side.attributes ?? {}) as IDataObject) };
	}
	const links = resource.links as IDataObject | undefined;
	if (links && typeof links.dashboard === 'string') out.dashboardUrl = links.dashboard;
	// include=deviceDetail side-loads a resource with the same id but no relationship pointing at it
	if (included) {
		for (const side of included.byId.get(String(resource.id)) ?? []) {
			if (side.type !== resource.type && !(String(side.type) in out)) {
				out[String(side.type)] = { ...((side.attributes ?? {}) as IDataObject) };
			}
		}
	}
	return out;
}
