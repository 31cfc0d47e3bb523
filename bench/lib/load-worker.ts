// The load generator as its own process (pinned to its own core by the orchestrator): it receives one round at
// a time over IPC, builds and signs the requests itself, and answers with the round's LoadResult.
import { requestSource, type CartMix } from "./carts";
import { runLoad } from "./load";

interface Round {
  url: string;
  connections: number;
  durationMs: number;
  mix: CartMix;
  uniqueBase: number;
}

process.on("message", async (round: Round) => {
  const result = await runLoad({ url: round.url, connections: round.connections, durationMs: round.durationMs, next: requestSource(round.mix, round.uniqueBase) });
  process.send!(result);
});
process.send!({ ready: true });
