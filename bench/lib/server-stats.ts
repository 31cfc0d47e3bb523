// Instrumentation shared by the servers under test (bare and app), answering the orchestrator over IPC:
//   snapshot → requests served, process.cpuUsage(), peak RSS / heap since the last reset;
//   gc → heap used after a forced full GC (the server runs with --expose-gc);
//   exit → a clean exit, so --cpu-prof can write its profile.
import type http from "node:http";

let served = 0;
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
setInterval(sample, 20).unref();

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
}

export function serveStats(extra: { beforeGc?: () => Promise<void> } = {}) {
  process.on("message", async (m: { type: string; id: number }) => {
    if (m.type === "snapshot") {
      sample();
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      const snap: ServerSnapshot = { served, cpuMicros: cpu.user + cpu.system, peakRss, peakHeap, rss: mem.rss, heapUsed: mem.heapUsed };
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
    } else if (m.type === "exit") {
      process.exit(0);
    }
  });
}
