// A small closed-loop load generator: `connections` concurrent keep-alive clients, each sending its next request
// as soon as the previous answer arrives, for `durationMs`. Latency is measured per request. The generator's own
// CPU use is reported, so a run where the generator (not the server) was the bottleneck can be recognised.
import http from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Generator CPU time / wall time over the round (1.0 = one core saturated). */
  generatorCpu: number;
}

export async function runLoad(opts: {
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
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0);
  return {
    requests: latencies.length,
    errors,
    statuses,
    rps: Math.round((latencies.length / elapsed) * 1000),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: round(latencies.at(-1) ?? 0),
    generatorCpu: round((cpu.user + cpu.system) / 1000 / elapsed),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
