// Summarises V8 CPU profiles (.cpuprofile, from `npm run bench -- --prof`, one per measured round): top functions
// by self time, and self time grouped by source area (app file, dependency package, node internals, GC),
// as shares of the busy (non-idle) time of all rounds together.
//   npm run bench:profile -- bench/profiles/distinct [--top 25]
import fs from "node:fs";
import path from "node:path";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const target = process.argv[2] ?? "bench/profiles";
const top = Number(process.argv[process.argv.indexOf("--top") + 1]) || 25;
const files = fs.statSync(target).isDirectory() ? fs.readdirSync(target).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(target, f)) : [target];
const selfByNode: Array<[Node, number]> = [];
const inclusive = new Map<string, number>(); // each function counted once per sample it is on the stack of
let idle = 0;
for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    if (byId.get(id)!.callFrame.functionName === "(idle)") return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = fnKey(byId.get(at)!);
      if (!seen.has(key)) seen.add(key);
    }
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  });
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)") idle += t;
    else selfByNode.push([n, t]);
  }
}
const total = selfByNode.reduce((a, [, t]) => a + t, 0);

function short(url: string) {
  if (!url) return "";
  const u = url.replace(/^file:\/\//, "");
  const nm = u.lastIndexOf("node_modules/");
  if (nm >= 0) return u.slice(nm + "node_modules/".length);
  const root = u.indexOf("/app/");
  return root >= 0 ? u.slice(root + 1) : u.replace(process.cwd() + "/", "");
}
function area(n: Node) {
  const { functionName, url } = n.callFrame;
  if (functionName === "(garbage collector)") return "(garbage collector)";
  if (functionName === "(program)") return "(program)";
  const s = short(url);
  if (!s) return "(native/builtins)";
  if (s.startsWith("node:")) return s;
  const pkg = s.match(/^(@[^/]+\/[^/]+|[^/]+)\//);
  if (url.includes("node_modules") && pkg) return pkg[1];
  return s;
}

const fnSelf = new Map<string, number>();
const areaSelf = new Map<string, number>();
for (const [n, t] of selfByNode) {
  const key = fnKey(n);
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + t);
  areaSelf.set(area(n), (areaSelf.get(area(n)) ?? 0) + t);
}
function fnKey(n: Node) {
  return `${n.callFrame.functionName || "(anonymous)"}  ${short(n.callFrame.url)}`;
}
const pct = (t: number) => `${((t / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`${target}: ${files.length} profiles, ${(total / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle (${((idle / (idle + total)) * 100).toFixed(0)}%)\n\nTop functions by self time (share of busy time):`);
for (const [k, t] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
console.log("\nSelf time by area (file or package):");
for (const [k, t] of [...areaSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
console.log("\nInclusive time (self + callees) of app functions and named suspects:");
const suspects = /^(app\/|zod|@prisma|better-sqlite3)/;
for (const [k, t] of [...inclusive].filter(([k]) => suspects.test(k.split("  ")[1] ?? "") || /flushQuoteLog|insertBatch|safeParse/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
