// Seeds a fresh benchmark database and reports its DATABASE_URL, for servers that must not load the seeding code
// themselves (the production build in the "built" scenarios).
import { seedBenchDatabase } from "./seed";

await seedBenchDatabase({ variants: Number(process.env.BENCH_VARIANTS ?? 0) });
process.send!({ ready: process.env.DATABASE_URL }, () => process.exit(0));
