/**
 * Deterministic randomness for the simulator.
 *
 * Two tools:
 *  - Prng: a small seeded generator (a 32-bit multiply/xorshift mix) used while generating the
 *    entity set, so the same seed always yields the same tenants, devices, alerts, ...
 *  - hash32 / unitHash: stateless hashes of arbitrary key parts, used where a value must be a pure
 *    function of its inputs (statistics values depend only on entity, stat, interval and time,
 *    never on the request that asked for them).
 */

/** 32-bit FNV-1a over the string form of every part, with a separator between parts. */
export function hash32(...parts: Array<string | number | boolean>): number {
	let h = 0x811c9dc5;
	for (const part of parts) {
		const text = String(part);
		for (let i = 0; i < text.length; i++) {
			h ^= text.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
		// separator so that ('ab','c') and ('a','bc') differ
		h ^= 0x1f;
		h = Math.imul(h, 0x01000193);
	}
	// final avalanche so that neighbouring inputs give unrelated outputs
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** A number in [0, 1) that depends only on the parts. */
export function unitHash(...parts: Array<string | number | boolean>): number {
	return hash32(...parts) / 0x100000000;
}

/** Seeded pseudo-random generator; not cryptographic, just reproducible. */
export class Prng {
	private state: number;

	constructor(seed: number) {
		// spread small seeds (1, 2, 3 ...) over the whole state space
		this.state = hash32('seed', seed) || 0x9e3779b9;
	}

	/** Next float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
	}

	/** Integer in [min, max] (both inclusive). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** true with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** `count` distinct items (or all of them when count >= length), in original order. */
	sample<T>(items: readonly T[], count: number): T[] {
		if (count >= items.length) return items.slice();
		const chosen = new Set<number>();
		while (chosen.size < count) chosen.add(Math.floor(this.next() * items.length));
		return items.filter((_, i) => chosen.has(i));
	}

	/** Hex string of `length` characters. */
	hex(length: number): string {
		let out = '';
		while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
		return out;
	}

	/** RFC 4122 shaped (version 4) UUID built from this generator. */
	uuid(): string {
		const h = this.hex(32);
		const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}
