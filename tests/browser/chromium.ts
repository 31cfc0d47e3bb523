// Where the browser tests find Chromium: the system package (apt-get install -y chromium), never a download.
import fs from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_MISSING_NOTICE = "Chromium not installed: apt-get install -y chromium";

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}
