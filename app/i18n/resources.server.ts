// Every locale's messages, bundled into the server: rendering never waits on a file read.
import type { Resource } from "i18next";

const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", { eager: true, import: "default" });

export const resources: Resource = {};
for (const [file, messages] of Object.entries(files)) {
  const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!m) continue;
  (resources[m[1]] ??= {})[m[2]] = messages;
}
