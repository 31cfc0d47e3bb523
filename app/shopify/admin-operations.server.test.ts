import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AdminApiError, type AdminClient, defineOperation, runOperation, throttledForMs } from "./admin-operations.server";

const Op = defineOperation<{ n: number }, { ok: boolean }>("Probe", "query Probe { ok }", z.object({ ok: z.boolean() }));
const throttled = (available: number) => ({
  errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
  extensions: { cost: { requestedQueryCost: 300, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 } } },
});

/** A client answering the given bodies in turn. */
function client(...answers: unknown[]): AdminClient & { calls: number } {
  const c = { calls: 0, graphql: async () => Response.json(answers[Math.min(c.calls++, answers.length - 1)]) };
  return c;
}

describe("Shopify's throttle", () => {
  it("reads how long the bucket needs to hold the query's cost from a THROTTLED answer", () => {
    expect(throttledForMs(throttled(100))).toBe(2050);
    expect(throttledForMs({ errors: { graphQLErrors: [{ extensions: { code: "THROTTLED" } }] }, extensions: throttled(250).extensions })).toBe(550);
    expect(throttledForMs({ errors: [{ message: "Field 'x' doesn't exist" }] })).toBeUndefined();
    expect(throttledForMs({ errors: [{ extensions: { code: "THROTTLED" } }] })).toBe(1000);
  });

  it("waits for the points and asks again, within the time it is given", async () => {
    const slept: number[] = [];
    const admin = client(throttled(100), { data: { ok: true } });
    await expect(runOperation(admin, Op, { n: 1 }, { throttle: { maxWaitMs: 5000, sleep: async (ms) => void slept.push(ms) } })).resolves.toEqual({ ok: true });
    expect(slept).toEqual([2050]);
    expect(admin.calls).toBe(2);
  });

  it("gives up as a retryable failure when waiting would take longer, or when it was not asked to wait", async () => {
    const slept: number[] = [];
    const admin = client(throttled(0), throttled(0));
    const failure = await runOperation(admin, Op, { n: 1 }, { throttle: { maxWaitMs: 5000, sleep: async (ms) => void slept.push(ms) } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AdminApiError);
    expect((failure as AdminApiError).retryable).toBe(true);
    expect(slept).toEqual([3050]);
    const once = client(throttled(0));
    await expect(runOperation(once, Op, { n: 1 })).rejects.toMatchObject({ retryable: true });
    expect(once.calls).toBe(1);
  });
});
