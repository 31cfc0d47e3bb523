// The loopback UPS (tests/fakes/ups.ts: OAuth, Shop rating, spec validation) with every rating call answered after
// BENCH_LIVE_LATENCY_MS, for the benchmark's "ups50" scenario: the real UPS connector behind a slow carrier.
import { startUpsFake } from "../../tests/fakes/ups";
import { UPS_APP } from "../../tests/helpers/ups";

const latency = Number(process.env.BENCH_LIVE_LATENCY_MS ?? 50);
const fake = await startUpsFake({ clients: { [UPS_APP.clientId]: UPS_APP.clientSecret } });
fake.faults.always({ kind: "slow", ms: latency }, { path: /\/api\/rating\// });
process.send!({ ready: Number(new URL(fake.url).port) });
