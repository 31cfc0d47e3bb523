// Production entry: `npm run build && npm start`. Validates the environment, applies pending migrations, serves.
import * as build from "./build/server/index.js";

try {
  await build.entry.module.startServer(build);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
