// Structured one-line JSON logs. Callers pass context objects; keys that look like secrets are masked, because a
// token in a log is a token leaked.
import { env, type Env } from "~/env.server";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;
const SECRET_KEY = /token|secret|password|authorization|api[-_]?key|hmac|credential/i;

// The level comes from env() when the environment is valid. Logging must work even when it is not (the message
// that says which variable is wrong is itself logged), so a failed parse falls back to "info".
function threshold(): number {
  let config: Pick<Env, "NODE_ENV" | "LOG_LEVEL">;
  try {
    config = env();
  } catch {
    return LEVELS.info;
  }
  if (config.NODE_ENV === "test" && !config.LOG_LEVEL) return LEVELS.error + 1;
  return LEVELS[config.LOG_LEVEL ?? "info"];
}

function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : maskSecrets(v, depth + 1)]),
  );
}

function write(level: Level, message: string, context?: Record<string, unknown>) {
  if (LEVELS[level] < threshold()) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...(maskSecrets(context ?? {}) as object) });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const logger = {
  debug: (m: string, c?: Record<string, unknown>) => write("debug", m, c),
  info: (m: string, c?: Record<string, unknown>) => write("info", m, c),
  warn: (m: string, c?: Record<string, unknown>) => write("warn", m, c),
  error: (m: string, c?: Record<string, unknown>) => write("error", m, c),
};
