// Issue 8 defect 9: whatever the mode (the demo runs in development), an error answer carries no stack or SQL.
import type { ServerBuild } from "@remix-run/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "~/env.server";
import { startServer } from "~/server/start.server";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();

const LEAK = 'SQLITE_ERROR: no such column "secret" in SELECT * FROM "ChannelConnection"';

function buildThatThrows(): ServerBuild {
  const root = {
    id: "root",
    path: "",
    module: {
      loader: () => {
        throw new Error(LEAK);
      },
      default: () => null,
    },
  };
  return {
    mode: "development",
    entry: { module: { default: () => new Response("page") } },
    routes: { root },
    assets: { entry: { module: "/entry.js", imports: [] }, routes: {}, url: "/manifest.js", version: "1" },
    publicPath: "/build/",
    assetsBuildDirectory: "build/client",
    future: {},
    isSpaMode: false,
    basename: "/",
    prerender: [],
  } as unknown as ServerBuild;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  process.env.NODE_ENV = "test";
  resetEnvForTests();
});

describe("error answers", () => {
  it("never include the stack or the SQL of a crash, even in development mode", async () => {
    // Remix logs the crash to the console, which is where its details belong.
    vi.mocked(console.error).mockImplementation(() => undefined);
    process.env.NODE_ENV = "development";
    resetEnvForTests();
    const server = await startServer(buildThatThrows(), { port: 0, host: "127.0.0.1", migrate: false, background: false, clientDir: "build/client" });
    close = server.close;
    const res = await fetch(`${server.url}/?_data=root`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toContain("SQLITE_ERROR");
    expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });
});
