// The baseline: bare node:http reading the body and answering a fixed JSON of the same size as ours.
import http from "node:http";
import { countRequests, serveStats } from "./server-stats";

const size = Number(process.env.BARE_RESPONSE_BYTES ?? 300);
const body = JSON.stringify({ rates: [{ pad: "x".repeat(Math.max(0, size - 24)) }] });

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
});
countRequests(server);
serveStats();
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.send!({ ready: (server.address() as { port: number }).port }));
