// Instrumentation shared by the servers under test (bare and app), answering the orchestrator over IPC:
//   snapshot → requests served, process.cpuUsage(), peak RSS / heap since the last reset;
//   gc → heap used after a forced full GC (the server runs with --expose-gc);
//   exit → a clean exit, so --cpu-prof can write its profile.
import fs from "node:fs";
import type http from "node:http";
import inspector from "node:inspector";
import path from "node:path";

let served = 0;
let peakRss = 0;
let peakHeap = 0;
let ticks = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss()); // cheap; the full memoryUsage() every 200 ms
  if (ticks++ % 2 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
setInterval(sample, 100).unref();

// CPU profiles of the measured rounds only (not start-up, warm-up or the idle time while the bare server runs):
// the orchestrator sends prof-start / prof-stop around each round when BENCH_PROF_DIR is set.
const profDir = process.env.BENCH_PROF_DIR;
let session: inspector.Session | undefined;
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) => session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));

export function countRequests(server: http.Server) {
  server.on("request", (_req, res) => res.once("finish", () => served++));
}

export interface ServerSnapshot {
  served: number;
  cpuMicros: number;
  peakRss: number;
  peakHeap: number;
  rss: number;
  heapUsed: number;
  /** What the server adds (the app: its quote-cache counters). */
  app?: unknown;
}

export function serveStats(extra: { beforeGc?: () => Promise<void>; app?: () => unknown } = {}) {
  process.on("message", async (m: { type: string; id: number }) => {
    if (m.type === "snapshot") {
      sample();
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      const snap: ServerSnapshot = { served, cpuMicros: cpu.user + cpu.system, peakRss, peakHeap, rss: mem.rss, heapUsed: mem.heapUsed, app: extra.app?.() };
      peakRss = mem.rss;
      peakHeap = mem.heapUsed;
      process.send!({ id: m.id, ...snap });
    } else if (m.type === "gc") {
      await extra.beforeGc?.();
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      await new Promise((r) => setTimeout(r, 50));
      gc?.();
      const mem = process.memoryUsage();
      process.send!({ id: m.id, heapAfterGc: gc ? mem.heapUsed : null, rss: mem.rss, external: mem.external, arrayBuffers: mem.arrayBuffers });
    } else if (m.type === "prof-start" && profDir) {
      if (!session) {
        session = new inspector.Session();
        session.connect();
        await post("Profiler.enable");
        await post("Profiler.setSamplingInterval", { interval: 200 });
      }
      await post("Profiler.start");
      process.send!({ id: m.id });
    } else if (m.type === "prof-stop" && profDir) {
      const { profile } = (await post("Profiler.stop")) as { profile: unknown };
      fs.mkdirSync(profDir, { recursive: true });
      fs.writeFileSync(path.join(profDir, `round-${m.id}.cpuprofile`), JSON.stringify(profile));
      process.send!({ id: m.id });
    } else if (m.type === "exit") {
      process.exit(0);
    }
  });
}
