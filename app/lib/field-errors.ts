// Save errors arrive as document paths (`zones[1].services[0].rateTable.bands[2]`, see formatIssuePath). Forms
// key their inputs by the same paths relative to what they edit, so an error lands next to the input it is about.

import { formatIssuePath } from "~/domain/shipping-config";

export type MessageParams = Record<string, string | number>;

/**
 * An error about one field. From the server, `message` is a key of the `errors` namespace (app/locales/<lng>/errors.json)
 * and `params` its values (numbers raw: grams, minor units; the page formats them in the shop's units); a page turns
 * it into a sentence in the merchant's language once (app/i18n/messages.ts), after which `message` is that sentence.
 */
export interface FieldError {
  path: string;
  message: string;
  params?: MessageParams;
}

/** What zod reports, as much of it as the keys need (zod 4 issue fields). */
export interface ZodIssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  input?: unknown;
  params?: Record<string, unknown>;
}

const asNumber = (n: number | bigint | undefined) => (n === undefined ? undefined : Number(n));

/**
 * A zod issue as a message key + params. Domain schemas name their own key in a custom issue's
 * `params.i18n` (the English `message` stays for the command line); built-in checks map by what failed.
 */
export function issueMessage(issue: ZodIssueLike): { message: string; params?: MessageParams } {
  const custom = issue.params?.i18n;
  if (typeof custom === "string") {
    const params: MessageParams = {};
    for (const [k, v] of Object.entries(issue.params ?? {})) if (k !== "i18n" && (typeof v === "string" || typeof v === "number")) params[k] = v;
    return { message: custom, params };
  }
  const min = asNumber(issue.minimum);
  const max = asNumber(issue.maximum);
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array" || issue.origin === "set") return { message: issue.path.at(-1) === "bands" ? "bands_required" : "list_min", params: { count: min ?? 1 } };
      if (issue.origin === "string") return min !== undefined && min <= 1 ? { message: "required" } : { message: "text_min", params: { count: min ?? 1 } };
      return { message: "number_min", params: { min: min ?? 0 } };
    case "too_big":
      if (issue.origin === "array" || issue.origin === "set") return { message: "list_max", params: { count: max ?? 0 } };
      if (issue.origin === "string") return { message: "text_max", params: { count: max ?? 0 } };
      return { message: "number_max", params: { max: max ?? 0 } };
    case "invalid_type":
      return issue.input === undefined || issue.input === null || issue.input === "" ? { message: "required" } : { message: "invalid_value" };
    case "not_multiple_of":
      return { message: "whole_number" };
    case "invalid_value":
    case "invalid_union":
      return { message: "choose_option" };
    case "invalid_format":
      return { message: String(issue.path.at(-1)).toLowerCase().includes("country") ? "choose_country" : "invalid_format" };
    default:
      return { message: "invalid_value" };
  }
}

/** Issues as field errors at document paths (`zones[1].services[0].code`). */
export function issuesToFieldErrors(issues: readonly ZodIssueLike[], pathOf: (path: readonly PropertyKey[]) => string = formatIssuePath): FieldError[] {
  return issues.slice(0, 50).map((issue) => ({ path: pathOf(issue.path), ...issueMessage(issue) }));
}

/**
 * A zod error as field errors, paths relative to `under` (e.g. "form"), so a too-long name lands on its input
 * instead of "the form could not be read".
 */
export function zodFieldErrors(error: { issues: readonly ZodIssueLike[] }, under = ""): FieldError[] {
  return issuesToFieldErrors(error.issues, (path) => formatIssuePath(under && path[0] === under ? path.slice(1) : path));
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
    if (e.path === prefix) zone.push({ ...e, path: "" });
    else if (e.path.startsWith(`${prefix}.`)) zone.push({ ...e, path: e.path.slice(prefix.length + 1) });
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
