// The HTTP server for production and the demo. Shopify's rate callback is served on a lean node:http path in
// front of Remix (see docs/decisions/0004-lean-rates-path.md); everything else goes through Remix on express.
import http from "node:http";
import path from "node:path";
import express, { type RequestHandler } from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { env } from "~/env.server";
import { deployMigrations } from "~/db/migrations.server";
import { tuneSqlite } from "~/db/sqlite-tuning.server";
import { getDb } from "~/db.server";
import { handleRatesHttp, RATES_PATH } from "./rates-endpoint.server";
import { closeRatingService } from "~/services/rating/service.server";
import { startBackgroundWork } from "./background.server";
import { logger } from "~/lib/logger.server";

interface StartOptions {
  port?: number;
  host?: string;
  /** Development tooling only (the demo's local admin frame). Production passes nothing here. */
  devMiddleware?: RequestHandler[];
  clientDir?: string;
  migrate?: boolean;
  background?: boolean;
}

export async function startServer(build: ServerBuild, options: StartOptions = {}) {
  const config = env();
  if (options.migrate !== false) {
    const { applied } = await deployMigrations({ url: config.DATABASE_URL });
    if (applied.length) logger.info("migrations applied", { applied });
  }
  await tuneSqlite(getDb(), config.DATABASE_URL);

  const app = express();
  app.disable("x-powered-by");
  for (const middleware of options.devMiddleware ?? []) app.use(middleware);
  const clientDir = options.clientDir ?? path.resolve("build/client");
  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(clientDir, { maxAge: "1h" }));
  // Remix's development mode puts stacks (and with them SQL) into error answers; no HTTP answer of ours may carry
  // them, the demo's included. The server log keeps the details.
  app.all("*", createRequestHandler({ build, mode: "production" }));

  const server = http.createServer((req, res) => {
    if (req.method === "POST" && req.url?.split("?")[0] === RATES_PATH) {
      void handleRatesHttp(req, res);
      return;
    }
    app(req, res);
  });
  server.keepAliveTimeout = 65_000;

  const port = options.port ?? config.PORT;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, options.host ?? "0.0.0.0", () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  const background = options.background === false ? null : startBackgroundWork();
  logger.info("waypost listening", { port: boundPort });

  return {
    server,
    port: boundPort,
    url: `http://127.0.0.1:${boundPort}`,
    async close() {
      await background?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closeRatingService();
    },
  };
}
