import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { I18nextProvider } from "react-i18next";
import { createRenderI18n, getLocale, rememberLocale } from "./i18n/i18next.server";
import { addDocumentResponseHeaders } from "./shopify.server";

export const streamTimeout = 5000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";
  // The same language the root loader chose; Shopify's `locale` parameter is remembered for later navigations.
  const i18n = await createRenderI18n(await getLocale(request));
  const remember = await rememberLocale(request);
  if (remember) responseHeaders.append("Set-Cookie", remember);

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} />
      </I18nextProvider>, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}

// The production server (server.mjs) and the demo reach the rest of the app through the build's entry module,
// so the whole server shares one module graph: one Prisma client, one config cache.
export { sessionStorage } from "./shopify.server";
export { startServer } from "./server/start.server";
import "./services/tracking/worker.server";
import "./services/labels/worker.server";
import "./services/labels/tracking-worker.server";
import "./services/partners/webhook-worker.server";
