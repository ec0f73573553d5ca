import { sleep } from 'n8n-workflow';

/** Auvik's documented limit: 2500 requests in a 5 minute period, per account. */
export const AUVIK_RATE_LIMIT = { limit: 2500, windowMs: 5 * 60 * 1000 };

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/**
 * A sliding-window request budget shared by every execution in this n8n process that uses the
 * same account. When the budget is spent, callers wait for the oldest request to leave the
 * window instead of failing, so a burst of workflows never gets the account throttled.
 */
export class RateBudget {
	private readonly sent: number[] = [];

	private head = 0;

	private blockedUntil = 0;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly clock: Clock = realClock,
	) {}

	/** Requests counted in the current window. */
	inWindow(): number {
		this.prune(this.clock.now());
		return this.sent.length - this.head;
	}

	/** Waits until a request may be sent, then counts it. Returns the time waited (ms). */
	async acquire(): Promise<number> {
		let waited = 0;
		for (;;) {
			const now = this.clock.now();
			this.prune(now);
			let wait = Math.max(0, this.blockedUntil - now);
			if (!wait && this.sent.length - this.head < this.limit) {
				this.sent.push(now);
				return waited;
			}
			if (!wait) wait = this.sent[this.head] + this.windowMs - now;
			wait = Math.max(1, wait);
			waited += wait;
			await this.clock.sleep(wait);
		}
	}

	/** Auvik asked everyone on this account to pause (429 Retry-After). */
	pauseFor(ms: number): void {
		this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + ms);
	}

	private prune(now: number): void {
		while (this.head < this.sent.length && this.sent[this.head] <= now - this.windowMs) this.head++;
		if (this.head > 1024 && this.head * 2 > this.sent.length) {
			this.sent.splice(0, this.head);
			this.head = 0;
		}
	}
}

const budgets = new Map<string, RateBudget>();

/** The process-wide budget for one account (username + API host) and limit. */
export function budgetFor(account: string, limit: number, windowMs: number, clock?: Clock): RateBudget {
	const key = `${account.toLowerCase()}|${limit}|${windowMs}`;
	let budget = budgets.get(key);
	if (!budget) {
		budget = new RateBudget(limit, windowMs, clock);
		budgets.set(key, budget);
	}
	return budget;
}

/** Forget every budget (tests only). */
export function resetBudgets(): void {
	budgets.clear();
}
