// The local Redis the scale-out tests run against (127.0.0.1:6379 unless TEST_REDIS_URL says otherwise). A test
// file asks once whether it answers and skips its Redis tests with a note when it does not.
import { Redis } from "ioredis";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Whether Redis answers a PING at `url`; prints which tests are skipped when it does not. */
export async function redisAnswers(what: string, url = TEST_REDIS_URL): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const answers = await probe.connect().then(() => probe.ping()).then(() => true, () => false);
  probe.disconnect();
  if (!answers) process.stdout.write(`  Redis not reachable at ${url}: ${what} skipped\n`);
  return answers;
}
