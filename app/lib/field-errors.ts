// Save errors arrive as document paths (`zones[1].services[0].rateTable.bands[2]`, see formatIssuePath). Forms
// key their inputs by the same paths relative to what they edit, so an error lands next to the input it is about.

import { formatIssuePath } from "~/domain/shipping-config";

export interface FieldError {
  path: string;
  message: string;
}

/**
 * A zod error as field errors, paths relative to `under` (e.g. "form"), so a too-long name lands on its input
 * instead of "the form could not be read".
 */
export function zodFieldErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, under = ""): FieldError[] {
  return error.issues.slice(0, 50).map((issue) => {
    const parts = under && issue.path[0] === under ? issue.path.slice(1) : issue.path;
    return { path: formatIssuePath(parts), message: issue.message };
  });
}

/**
 * Splits a whole-document error list into errors about zone `zoneIndex` (with the `zones[i].` prefix removed)
 * and errors about anything else, which the page lists in a banner.
 */
export function localizeZoneErrors(errors: readonly FieldError[], zoneIndex: number): { zone: FieldError[]; other: FieldError[] } {
  const prefix = `zones[${zoneIndex}]`;
  const zone: FieldError[] = [];
  const other: FieldError[] = [];
  for (const e of errors) {
    if (e.path === prefix) zone.push({ path: "", message: e.message });
    else if (e.path.startsWith(`${prefix}.`)) zone.push({ path: e.path.slice(prefix.length + 1), message: e.message });
    else other.push(e);
  }
  return { zone, other };
}

/** Errors whose path is exactly `path`, joined for a field's `error` prop; undefined when there are none. */
export function errorAt(errors: readonly FieldError[] | undefined, path: string): string | undefined {
  const hits = (errors ?? []).filter((e) => e.path === path).map((e) => e.message);
  return hits.length ? [...new Set(hits)].join("; ") : undefined;
}

/** Errors at `path` or anywhere below it (`bands[2]` covers `bands[2].price`, not `bands[20]`). */
export function errorsUnder(errors: readonly FieldError[] | undefined, path: string): FieldError[] {
  return (errors ?? []).filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
}

const WORDS: Record<string, string> = {
  services: "Service",
  regions: "Region",
  bands: "Band",
  conditions: "Condition",
  boxes: "Box",
  zones: "Zone",
  rateTable: "rate table",
  rules: "rules",
  extraWeight: "extra weight",
  delivery: "delivery",
  handling: "handling",
  caps: "caps",
};

/** `services[0].rateTable.bands[2].price` → "Service 1 › rate table › Band 3 › price", for banners. */
export function describePath(path: string): string {
  if (!path) return "This zone";
  return path
    .split(".")
    .map((part) => {
      const m = /^(\w+)\[(\d+)\]$/.exec(part);
      if (m) return `${WORDS[m[1]] ?? m[1]} ${Number(m[2]) + 1}`;
      return WORDS[part] ?? part;
    })
    .join(" › ");
}

// ---- errors that clear once the merchant edits the field --------------------------------------------------------

type Segment = string | number;

/** `boxes[0].innerMm.l` → ["boxes", 0, "innerMm", "l"]. */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split(".").filter(Boolean)) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

const MISSING = Symbol("missing");

function step(value: unknown, key: Segment): unknown {
  if (value === null || typeof value !== "object") return MISSING;
  const rec = value as Record<string | number, unknown>;
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : MISSING;
}

/**
 * What an error is about in the form as it was when the error arrived: the value at its path, or at the deepest
 * part of the path the form has (a server path like `boxes[0].innerMm.l` is about the form's `boxes[0]`).
 * Null for a form-level error (empty path), which stays until the next save.
 */
function watchedValue(form: unknown, path: string): { segments: Segment[] } | null {
  const segments = pathSegments(path);
  if (segments.length === 0) return null;
  const found: Segment[] = [];
  let cur: unknown = form;
  for (const s of segments) {
    const next = step(cur, s);
    if (next === MISSING) break;
    found.push(s);
    cur = next;
  }
  return found.length ? { segments: found } : null;
}

function valueAtSegments(form: unknown, segments: Segment[]): unknown {
  let cur: unknown = form;
  for (const s of segments) {
    cur = step(cur, s);
    if (cur === MISSING) return MISSING;
  }
  return cur;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The errors still worth showing: those whose field (or the nearest part of the form the path names) has the value
 * it had when the errors arrived. Editing a field clears its error; untouched fields keep theirs.
 */
export function unfixedErrors<T extends FieldError>(errors: readonly T[], formWhenReported: unknown, formNow: unknown): T[] {
  if (formWhenReported === formNow) return [...errors];
  return errors.filter((e) => {
    const watched = watchedValue(formWhenReported, e.path);
    if (!watched) return true;
    return same(valueAtSegments(formWhenReported, watched.segments), valueAtSegments(formNow, watched.segments));
  });
}
