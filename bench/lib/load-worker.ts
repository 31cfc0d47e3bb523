// The load generator as its own process (pinned to its own core by the orchestrator): it receives one round at
// a time over IPC and answers with the round's LoadResult. Requests are built, signed and serialised before the
// round starts (a generous supply; distinct carts are built on the fly only if it runs out), so the generator's
// CPU during a round goes to the sockets alone.
import { requestSource, type CartMix } from "./carts";
import { runLoad, serialise } from "./load";
import { runHttpLoad } from "./load-http";

interface Round {
  /** Several URLs: the connections are spread over them (instances of one app, the scale-out scenario). */
  url: string | string[];
  connections: number;
  durationMs: number;
  mix: CartMix;
  uniqueBase: number;
  /** How many requests to prepare: distinct carts must not repeat within the round. */
  prepare: number;
  /** Cycle through the prepared requests instead of building more (the bare server, which caches nothing). */
  cycle: boolean;
  generator: "raw" | "http";
}

process.on("message", async (round: Round) => {
  const first = Array.isArray(round.url) ? round.url[0] : round.url;
  if (round.generator === "http") {
    process.send!(await runHttpLoad({ url: first, connections: round.connections, durationMs: round.durationMs, next: requestSource(round.mix, round.uniqueBase) }));
    return;
  }
  const url = new URL(first); // the Host header names the first server; the servers under test ignore it
  const source = requestSource(round.mix, round.uniqueBase);
  const prepared = Array.from({ length: round.prepare }, () => serialise(url, source()));
  let i = 0;
  const next = () => (i < prepared.length ? prepared[i++] : round.cycle ? prepared[(i = 1) - 1] : serialise(url, source()));
  const result = await runLoad({ url: round.url, connections: round.connections, durationMs: round.durationMs, next });
  process.send!(result);
});
process.send!({ ready: true });
