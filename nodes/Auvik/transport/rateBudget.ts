import { sleep } from 'n8n-workflow';

/** Auvik's documented limit: 2500 requests in a 5 minute period, per account. */
export const AUVIK_RATE_LIMIT = { limit: 2500, windowMs: 5 * 60 * 1000 };

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/** A place in the budget, held from send until the response arrives. */
export interface BudgetSlot {
	/** Time spent waiting for the slot (ms) */
	waited: number;
	/** Call once the response (or failure) is in: the slot then counts for one more window. */
	release(): void;
}

/**
 * A sliding-window request budget shared by every execution in this n8n process that uses the
 * same account. A request occupies the budget from the moment it is sent until one full window
 * after its response arrived, so however late requests reach Auvik, no window there can see more
 * than `limit` of them. When the budget is spent, callers wait instead of failing.
 */
export class RateBudget {
	/** Completion times of finished requests still inside the window, oldest first */
	private readonly done: number[] = [];

	private head = 0;

	private inFlight = 0;

	private blockedUntil = 0;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly clock: Clock = realClock,
	) {}

	/** Requests that count against the budget now (in flight or finished within the window). */
	inWindow(): number {
		this.prune(this.clock.now());
		return this.inFlight + this.done.length - this.head;
	}

	/** Waits until a request may be sent and takes a slot for it. */
	async acquire(): Promise<BudgetSlot> {
		let waited = 0;
		for (;;) {
			const now = this.clock.now();
			this.prune(now);
			let wait = Math.max(0, this.blockedUntil - now);
			if (!wait && this.inFlight + this.done.length - this.head < this.limit) {
				this.inFlight++;
				let released = false;
				return {
					waited,
					release: () => {
						if (released) return;
						released = true;
						this.inFlight--;
						this.done.push(this.clock.now());
					},
				};
			}
			if (!wait) {
				// the oldest finished request leaves the window just after windowMs; if every slot is
				// in flight, look again shortly
				wait = this.done.length > this.head ? this.done[this.head] + this.windowMs + 1 - now : Math.min(this.windowMs, 25);
			}
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
		while (this.head < this.done.length && this.done[this.head] < now - this.windowMs) this.head++;
		if (this.head > 1024 && this.head * 2 > this.done.length) {
			this.done.splice(0, this.head);
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
