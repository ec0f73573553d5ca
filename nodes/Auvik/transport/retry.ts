/** How the transport retries: bounded attempts, exponential backoff with jitter, bounded total wait. */
export interface RetryPolicy {
	/** Retries after the first attempt (0 = never retry) */
	maxRetries: number;
	/** First backoff, doubled each retry */
	baseDelayMs: number;
	/** Longest single wait */
	maxDelayMs: number;
	/** Longest total time spent waiting between attempts of one request */
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxTotalWaitMs: 120_000,
};

/** Parses Retry-After as delta seconds or an HTTP date. Returns ms, or undefined. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : value == null ? '' : String(value);
	if (!text.trim()) return undefined;
	if (/^\s*\d+(\.\d+)?\s*$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Full-jitter exponential backoff for retry number `retry` (1-based). */
export function backoffDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
