// Small numeric helpers of the benchmark (no dependencies).

export const median = (xs) => {
	const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!s.length) return undefined;
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Largest number of timestamps inside any sliding window of `windowMs` (a window (t - windowMs, t] ending at a
 * timestamp, which is how a sliding-window limiter that counts arrivals sees them). Returns { max, at } where
 * `at` is the index of the request that closes the fullest window.
 */
export function maxInSlidingWindow(times, windowMs) {
	const t = [...times].sort((a, b) => a - b);
	let lo = 0;
	let max = 0;
	let at = -1;
	for (let hi = 0; hi < t.length; hi++) {
		while (t[lo] <= t[hi] - windowMs) lo++;
		if (hi - lo + 1 > max) {
			max = hi - lo + 1;
			at = hi;
		}
	}
	return { max, at };
}

/** Deterministic PRNG (mulberry32) so the fault plan is the same on every run. */
export function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `count` distinct integers in [0, n), sorted. */
export function pickDistinct(n, count, random) {
	const chosen = new Set();
	count = Math.min(count, n);
	while (chosen.size < count) chosen.add(Math.floor(random() * n));
	return [...chosen].sort((a, b) => a - b);
}

export const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const fmtS = (ms, digits = 2) => (Number.isFinite(ms) ? (ms / 1000).toFixed(digits) : '–');
export const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
export const fmtMiB = (m) => (Number.isFinite(m) ? `${Math.round(m)}` : '–');
