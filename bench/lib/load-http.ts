// The earlier load generator on node:http's client (keep-alive agent), kept for `--generator http` to compare
// with figures measured before the raw-socket generator (load.ts): on one core it tops out near 10–13k req/s,
// below what a bare node:http server on another core can serve, so its bare baseline is generator-bound.
import http from "node:http";
import { summarise, type LoadResult } from "./load";

export async function runHttpLoad(opts: {
  url: string;
  connections: number;
  durationMs: number;
  next: () => { body: string; headers: Record<string, string> };
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const target = new URL(opts.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const end = performance.now() + opts.durationMs;

  const one = () =>
    new Promise<void>((resolve) => {
      const { body, headers } = opts.next();
      const started = performance.now();
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers }, (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - started);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  return summarise({ latencies, statuses, errors, elapsed, cpu });
}
