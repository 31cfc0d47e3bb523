// A small closed-loop load generator: `connections` concurrent keep-alive connections, each sending its next
// request as soon as the previous answer arrives, for `durationMs`. Latency is measured per request.
//
// It speaks HTTP/1.1 on raw sockets with requests serialised ahead of time, because node:http's client costs
// more CPU per request than a bare node:http server: with it, one generator core could not saturate the bare
// server, and the baseline (so every ratio) was the generator's speed, not the server's. The generator's own CPU
// use is reported, so a round where it was the bottleneck can still be recognised. Answers must carry
// Content-Length (both servers under test always send it).
import net from "node:net";

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

export function serialise(url: URL, req: { body: string; headers: Record<string, string> }): Buffer {
  const body = Buffer.from(req.body);
  const headers = { ...req.headers, "Content-Length": String(body.length) };
  const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}

/** `url` may name several servers (instances of one app): connection i goes to url[i % n]. */
export async function runLoad(opts: { url: string | string[]; connections: number; durationMs: number; next: () => Buffer }): Promise<LoadResult> {
  const targets = (Array.isArray(opts.url) ? opts.url : [opts.url]).map((u) => new URL(u));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const end = performance.now() + opts.durationMs;

  const connection = (_: unknown, index: number) =>
    new Promise<void>((done) => {
      const target = targets[index % targets.length];
      let socket: net.Socket;
      let buffered: Buffer = Buffer.alloc(0);
      let started = 0;
      let finished = false;
      const send = () => {
        if (performance.now() >= end) {
          finished = true;
          socket.end();
          return done();
        }
        started = performance.now();
        socket.write(opts.next());
      };
      const open = () => {
        buffered = Buffer.alloc(0);
        socket = net.connect({ host: target.hostname, port: Number(target.port) }, send);
        socket.setNoDelay(true);
        socket.on("data", (chunk: Buffer) => {
          buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
          for (;;) {
            const headEnd = buffered.indexOf("\r\n\r\n");
            if (headEnd < 0) return;
            const head = buffered.toString("latin1", 0, headEnd);
            const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
            if (!length) return fail();
            const total = headEnd + 4 + Number(length[1]);
            if (buffered.length < total) return;
            const status = head.slice(9, 12);
            latencies.push(performance.now() - started);
            statuses[status] = (statuses[status] ?? 0) + 1;
            buffered = buffered.subarray(total);
            if (/\r\nconnection:\s*close/i.test(head)) {
              socket.destroy();
              return open();
            }
            send();
          }
        });
        socket.on("error", fail);
      };
      const fail = () => {
        if (finished) return;
        errors++;
        socket.destroy();
        if (performance.now() >= end) {
          finished = true;
          return done();
        }
        open();
      };
      open();
    });

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.connections }, connection));
  return summarise({ latencies, statuses, errors, elapsed: performance.now() - started, cpu: process.cpuUsage(cpuBefore) });
}

/** The round's figures from its raw latencies (ms), statuses, errors, wall time (ms) and generator CPU. */
export function summarise(r: { latencies: number[]; statuses: Record<string, number>; errors: number; elapsed: number; cpu: NodeJS.CpuUsage }): LoadResult {
  const latencies = [...r.latencies].sort((a, b) => a - b);
  const pct = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0);
  return {
    requests: latencies.length,
    errors: r.errors,
    statuses: r.statuses,
    rps: Math.round((latencies.length / r.elapsed) * 1000),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: round(latencies.at(-1) ?? 0),
    generatorCpu: round((r.cpu.user + r.cpu.system) / 1000 / r.elapsed),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
