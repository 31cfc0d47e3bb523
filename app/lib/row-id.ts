// Ids for rows written by raw SQL (multi-row inserts bypass Prisma's @default(cuid())). Laid out like a cuid
// ("c" + 8 base-36 chars of milliseconds + 4 of a per-process counter + 12 random), so they sort by creation
// time within a process as Prisma's cuids do: the outbox claim breaks createdAt ties between rows of one
// (fulfillment, channel) pair by id.
import { randomBytes } from "node:crypto";

let counter = 0;
let lastMs = 0;

export function rowId(now: number = Date.now()): string {
  // The counter restarts only when the millisecond moves forward, so ids from one process never go backwards.
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  }
  const n = counter++ % 36 ** 4;
  return `c${lastMs.toString(36).padStart(8, "0").slice(-8)}${n.toString(36).padStart(4, "0")}${randomBytes(8).toString("hex").slice(0, 12)}`;
}
