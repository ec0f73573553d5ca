import { RateBudget } from '../../nodes/Auvik/transport/rateBudget';
import type { Clock } from '../../nodes/Auvik/transport/rateBudget';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../nodes/Auvik/transport/retry';

/** A fake clock: sleeping advances time instantly, in order of wake-up. */
function fakeClock(): Clock & { sends: number[] } {
	let now = 0;
	const sleepers: Array<{ at: number; wake: () => void }> = [];
	const clock = {
		sends: [] as number[],
		now: () => now,
		async sleep(ms: number) {
			await new Promise<void>((wake) => sleepers.push({ at: now + ms, wake }));
		},
	};
	// drive time forward whenever everyone is asleep
	const tick = async () => {
		for (let i = 0; i < 100_000; i++) {
			await new Promise((r) => setImmediate(r));
			if (!sleepers.length) continue;
			sleepers.sort((a, b) => a.at - b.at);
			const next = sleepers.shift()!;
			now = Math.max(now, next.at);
			next.wake();
		}
	};
	(clock as unknown as { run: Promise<void> }).run = tick();
	return clock;
}

describe('rate budget', () => {
	it('never lets more than the limit into any window, for 20 concurrent callers', async () => {
		const clock = fakeClock();
		const budget = new RateBudget(250, 30_000, clock);
		const sends: number[] = [];
		await Promise.all(
			Array.from({ length: 20 }, async () => {
				for (let r = 0; r < 60; r++) {
					const slot = await budget.acquire();
					sends.push(clock.now());
					// the response takes 0-300 ms; the slot counts until a window after it
					await clock.sleep((r * 37) % 300);
					slot.release();
				}
			}),
		);
		expect(sends).toHaveLength(1200);
		// sliding check over every send, window closed at both ends: requests in [t - window, t]
		let maxInWindow = 0;
		let lo = 0;
		sends.sort((a, b) => a - b);
		for (let hi = 0; hi < sends.length; hi++) {
			while (sends[lo] < sends[hi] - 30_000) lo++;
			maxInWindow = Math.max(maxInWindow, hi - lo + 1);
		}
		expect(maxInWindow).toBe(250);
		// 1200 requests at 250 per 30 s need 4 windows of waiting, plus at most the response times
		expect(sends[sends.length - 1]).toBeGreaterThanOrEqual(4 * 30_000);
		expect(sends[sends.length - 1]).toBeLessThanOrEqual(4 * 31_000); // within ~3 % of the budget-bound ideal
		expect(budget.inWindow()).toBeLessThanOrEqual(250);
	});

	it('pauses everyone after a 429', async () => {
		const clock = fakeClock();
		const budget = new RateBudget(10, 1000, clock);
		budget.pauseFor(5000);
		const { waited } = await budget.acquire();
		expect(waited).toBe(5000);
		expect(clock.now()).toBe(5000);
	});
});

it('keeps a slot taken while the request is in flight, however long it takes', async () => {
	const clock = fakeClock();
	const budget = new RateBudget(2, 1000, clock);
	const a = await budget.acquire();
	await budget.acquire();
	let third = false;
	const waiting = budget.acquire().then(() => (third = true));
	await clock.sleep(5000); // both still in flight after 5 windows
	expect(third).toBe(false);
	a.release();
	await clock.sleep(999);
	expect(third).toBe(false); // the released slot still counts for a window after its response
	await waiting;
	expect(clock.now()).toBeGreaterThanOrEqual(6000);
});

describe('retry helpers', () => {
	it('reads Retry-After as seconds or an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('0.5')).toBe(500);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('backs off exponentially with jitter inside [ceiling/2, ceiling]', () => {
		const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(policy, 1, () => 0)).toBe(50);
		expect(backoffDelay(policy, 1, () => 1)).toBe(100);
		expect(backoffDelay(policy, 3, () => 1)).toBe(400);
		expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
	});
});
