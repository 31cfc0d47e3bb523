// A loopback TCP server that speaks just enough RESP (Redis's protocol) to look like a Redis that is up but slow:
// the connection handshake (INFO, for ioredis's ready check; CLIENT/SELECT/PING) is answered at once, every
// other command after `delayMs` (GET → nil, SET/PUBLISH → OK/0). Counts the slow commands it received.
import net from "node:net";

export interface SlowRedis {
  url: string;
  /** Commands other than the handshake received so far. */
  commands: string[];
  close(): Promise<void>;
}

/** Splits complete RESP arrays of bulk strings off the front of `buf`; returns the commands and the rest. */
function parse(buf: string): { commands: string[][]; rest: string } {
  const commands: string[][] = [];
  let at = 0;
  for (;;) {
    if (buf[at] !== "*") break;
    const headEnd = buf.indexOf("\r\n", at);
    if (headEnd < 0) break;
    const n = Number(buf.slice(at + 1, headEnd));
    let p = headEnd + 2;
    const args: string[] = [];
    for (let i = 0; i < n; i++) {
      const lenEnd = buf.indexOf("\r\n", p);
      if (lenEnd < 0 || buf[p] !== "$") return { commands, rest: buf.slice(at) };
      const len = Number(buf.slice(p + 1, lenEnd));
      if (buf.length < lenEnd + 2 + len + 2) return { commands, rest: buf.slice(at) };
      args.push(buf.slice(lenEnd + 2, lenEnd + 2 + len));
      p = lenEnd + 2 + len + 2;
    }
    commands.push(args);
    at = p;
  }
  return { commands, rest: buf.slice(at) };
}

export async function startSlowRedis(delayMs: number): Promise<SlowRedis> {
  const commands: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let pending = "";
    socket.on("data", (chunk) => {
      const { commands: parsed, rest } = parse(pending + chunk.toString("latin1"));
      pending = rest;
      for (const [name = ""] of parsed) {
        const cmd = name.toUpperCase();
        if (cmd === "INFO") {
          const info = "# Server\r\nredis_version:7.0.0\r\nloading:0\r\n";
          socket.write(`$${info.length}\r\n${info}\r\n`);
        } else if (cmd === "CLIENT" || cmd === "SELECT" || cmd === "PING") {
          socket.write("+OK\r\n");
        } else {
          commands.push(cmd);
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (!socket.destroyed) socket.write(cmd === "GET" ? "$-1\r\n" : cmd === "PUBLISH" ? ":0\r\n" : "+OK\r\n");
          }, delayMs);
          timers.add(timer);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `redis://127.0.0.1:${port}`,
    commands,
    async close() {
      timers.forEach(clearTimeout);
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nobody listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
