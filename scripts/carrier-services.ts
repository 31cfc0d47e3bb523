// `npm run waypost -- services <carrier> [--json]`: a registered carrier's service catalogue, with the codes to
// put in a shipping config (`"source": "<carrier>", "carrierService": "<code>"`).
import { carrierRegistry } from "../app/carriers/registry.server";

export function runCarrierServices(args: string[], out = (s: string) => process.stdout.write(s), err = (s: string) => process.stderr.write(s)): number {
  const json = args.includes("--json");
  const id = args.find((a) => !a.startsWith("--"));
  const connector = id ? carrierRegistry.get(id) : undefined;
  if (!connector) {
    err(`usage: npm run waypost -- services <${carrierRegistry.ids().join("|")}> [--json]\n`);
    return 2;
  }
  const services = connector.services.map((s) => ({ code: s.code, name: s.name, scope: s.scope, ...(s.description ? { description: s.description } : {}) }));
  if (json) {
    out(JSON.stringify({ carrier: connector.id, displayName: connector.displayName, services }, null, 2) + "\n");
    return 0;
  }
  if (services.length === 0) {
    out(`${connector.displayName} has no fixed catalogue: its services are the ones you define.\n`);
    return 0;
  }
  const width = Math.max(...services.map((s) => s.code.length));
  out(`${connector.displayName} services ("source": "${connector.id}", "carrierService": <code>):\n`);
  for (const s of services) out(`  ${s.code.padEnd(width)}  ${s.scope.padEnd(13)}  ${s.name}\n`);
  return 0;
}
