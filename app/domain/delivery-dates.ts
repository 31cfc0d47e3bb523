// Delivery window for Shopify's min_delivery_date / max_delivery_date, computed in the shop's time zone
// with Intl only (no tz library).
//
//   start    = today if today is a working day and the local time is before the cutoff; otherwise the next
//              working day. An order placed exactly at the cutoff minute is late.
//   shipDate = start + processingDays working days (0 = ships on the start day).
//   min/max  = shipDate + min/max transit days, counted in carrier business days (Mon–Fri, no holidays),
//              which are independent of the shop's own working days.
// Times are reported at 12:00:00 local, so the date survives any display-side time zone shift, with the
// UTC offset that applies on that date (so a window across a DST change carries two different offsets).

export type DeliveryWindowInput = {
  now: Date;
  timeZone: string;
  cutoffLocalTime: string; // "HH:MM", 24-hour
  processingDays: number;
  minTransitDays: number;
  maxTransitDays: number;
  /** Days the shop ships on, 0 = Sunday … 6 = Saturday. Default Monday–Friday. */
  workingDays?: readonly number[];
};
type DeliveryWindow = { minDate: string; maxDate: string };

type CivilDate = { y: number; m: number; d: number };

const MON_FRI = [1, 2, 3, 4, 5];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(epochMs: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return { y: parts.year, m: parts.month, d: parts.day, hh: parts.hour, mm: parts.minute, ss: parts.second };
}

/** Minutes east of UTC at that instant. */
function offsetMinutes(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const w = wallClock(whole, timeZone);
  return Math.round((Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, w.ss) - whole) / 60_000);
}

function addDays(c: CivilDate, n: number): CivilDate {
  const t = new Date(Date.UTC(c.y, c.m - 1, c.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const weekday = (c: CivilDate) => new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay();

function addWorkingDays(c: CivilDate, n: number, working: ReadonlySet<number>): CivilDate {
  let day = c;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (working.has(weekday(day))) left--;
  }
  return day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DD HH:MM:SS ±HHMM" for a local wall-clock time on that date in the zone. */
function shopifyDateString(c: CivilDate, timeZone: string, hh = 12, mm = 0, ss = 0): string {
  const guess = Date.UTC(c.y, c.m - 1, c.d, hh, mm, ss);
  let offset = offsetMinutes(guess, timeZone);
  const second = offsetMinutes(guess - offset * 60_000, timeZone);
  if (second !== offset) offset = second;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${c.y}-${pad(c.m)}-${pad(c.d)} ${pad(hh)}:${pad(mm)}:${pad(ss)} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

function assertDays(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}

export function deliveryWindow(input: DeliveryWindowInput): DeliveryWindow {
  const { now, timeZone, cutoffLocalTime, processingDays, minTransitDays, maxTransitDays } = input;
  const cutoff = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(cutoffLocalTime);
  if (!cutoff) throw new RangeError(`cutoffLocalTime must be "HH:MM", got "${cutoffLocalTime}"`);
  assertDays(processingDays, "processingDays");
  assertDays(minTransitDays, "minTransitDays");
  assertDays(maxTransitDays, "maxTransitDays");
  if (minTransitDays > maxTransitDays) throw new RangeError("minTransitDays must not exceed maxTransitDays");
  const workingDays = input.workingDays ?? MON_FRI;
  if (workingDays.length === 0 || workingDays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw new RangeError("workingDays must list at least one weekday between 0 (Sunday) and 6 (Saturday)");
  }
  if (Number.isNaN(now.getTime())) throw new RangeError("now is not a valid date");

  const working = new Set(workingDays);
  const local = wallClock(now.getTime(), timeZone);
  const today: CivilDate = { y: local.y, m: local.m, d: local.d };
  const beforeCutoff = local.hh * 60 + local.mm < Number(cutoff[1]) * 60 + Number(cutoff[2]);
  const start = working.has(weekday(today)) && beforeCutoff ? today : addWorkingDays(today, 1, working);
  const shipDate = addWorkingDays(start, processingDays, working);

  const businessDays = new Set(MON_FRI);
  return {
    minDate: shopifyDateString(addWorkingDays(shipDate, minTransitDays, businessDays), timeZone),
    maxDate: shopifyDateString(addWorkingDays(shipDate, maxTransitDays, businessDays), timeZone),
  };
}
