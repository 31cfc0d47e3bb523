// Preloaded (`node --import`) into the production build (`node server.mjs`) for the "built" scenarios, so the
// server measured is exactly what `npm start` runs: no tsx loader, no benchmark module in its heap. It answers the
// orchestrator over IPC like server-stats.ts (snapshot, gc, exit) and reports its port once it listens. Plain
// JavaScript on purpose: the point is to load nothing the production server would not.
import http from "node:http";

let served = 0;
let peakRss = 0;
let peakHeap = 0;
let ticks = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  if (ticks++ % 2 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
setInterval(sample, 100).unref();

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...rest) {
  if (event === "request") rest[1].once("finish", () => served++);
  else if (event === "listening") process.send?.({ ready: this.address().port });
  return emit.call(this, event, ...rest);
};

process.on("message", async (m) => {
  if (m.type === "snapshot") {
    sample();
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    process.send({ id: m.id, served, cpuMicros: cpu.user + cpu.system, peakRss, peakHeap, rss: mem.rss, heapUsed: mem.heapUsed });
    peakRss = mem.rss;
    peakHeap = mem.heapUsed;
  } else if (m.type === "gc") {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 50));
    globalThis.gc?.();
    const mem = process.memoryUsage();
    process.send({ id: m.id, heapAfterGc: globalThis.gc ? mem.heapUsed : null, rss: mem.rss, external: mem.external, arrayBuffers: mem.arrayBuffers });
  } else if (m.type === "exit") {
    process.exit(0);
  }
});
