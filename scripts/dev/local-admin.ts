// The LOCAL ADMIN FRAME: development tooling for `npm run demo` and the browser tests. Never imported by app/
// (tests/integration/production-inert.test.ts checks that), never mounted in production (creating it throws).
//
// It plays the part of the Shopify admin around the embedded app:
//   GET /__admin                a page shaped like the admin (top bar, left nav, title bar) with the app in an iframe,
//                               opened the way Shopify opens it: /app?embedded=1&shop=…&host=…&id_token=<fresh JWT>
//                               (&locale=fr: the admin language Shopify passes; /__admin?locale=fr sets it)
//   GET /__dev/app-bridge.js    the App Bridge stand-in: window.shopify, Bearer tokens on same-origin fetches,
//                               <ui-nav-menu>/<ui-title-bar> mirrored into the admin chrome, minimal modal/save bar
//   GET /__dev/session-token    a fresh session token for the demo shop (what App Bridge's idToken() would get)
//   GET /__dev/fonts.css        an empty stand-in for the Inter stylesheet on cdn.shopify.com
// and rewrites HTML responses so the app's reference to https://cdn.shopify.com/shopifycloud/app-bridge.js (not
// reachable offline) loads the stand-in, and lets the app be framed by this page (CSP frame-ancestors 'self').
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { sessionToken } from "../../tests/helpers/shopify";

export const APP_BRIDGE_CDN_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
export const STAND_IN_PATH = "/__dev/app-bridge.js";
export const SESSION_TOKEN_PATH = "/__dev/session-token";
export const FONTS_PATH = "/__dev/fonts.css";
export const ADMIN_PATH = "/__admin";
/** Shopify's session tokens live one minute. */
const TOKEN_TTL_SECONDS = 60;

export interface LocalAdminOptions {
  apiKey: string;
  apiSecret: string;
  shop: string;
  /** Shown in the admin's top bar. */
  shopName?: string;
  /** Answer /__dev/session-token to non-loopback clients too (only when the demo was bound to a public interface). */
  allowRemote?: boolean;
}

export function hostParam(shop: string) {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64url");
}

/** The express middleware. Throws when NODE_ENV=production: there is no way to mount it in a production server. */
export function localAdminFrame(options: LocalAdminOptions): RequestHandler {
  if (process.env.NODE_ENV === "production") {
    throw new Error(
      "The local admin frame (scripts/dev/local-admin.ts) is development tooling and refuses to run with NODE_ENV=production.",
    );
  }
  const { apiKey, apiSecret, shop } = options;
  const host = hostParam(shop);
  const sign = () => {
    const token = sessionToken(shop, { ttlSeconds: TOKEN_TTL_SECONDS, secret: apiSecret, key: apiKey });
    return { token, exp: Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS };
  };

  return function localAdmin(req: Request, res: Response, next: NextFunction) {
    const pathname = req.path;
    if (req.method === "GET" || req.method === "HEAD") {
      if (pathname === ADMIN_PATH || pathname === `${ADMIN_PATH}/`) {
        const target = appPath(typeof req.query.path === "string" ? req.query.path : "/app");
        const locale = typeof req.query.locale === "string" && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(req.query.locale) ? req.query.locale : undefined;
        const src = withEmbeddedParams(target, { shop, host, idToken: sign().token, locale });
        return sendText(res, "text/html; charset=utf-8", adminPage({ shop, shopName: options.shopName ?? shop, src, path: target }));
      }
      if (pathname === STAND_IN_PATH) {
        const { token, exp } = sign();
        return sendText(res, "text/javascript; charset=utf-8", appBridgeStandIn({ apiKey, shop, host, token, exp }));
      }
      if (pathname === SESSION_TOKEN_PATH) {
        if (!options.allowRemote && !isLoopback(req.socket.remoteAddress)) {
          return sendText(res.status(403), "text/plain", "session tokens are only handed to loopback clients");
        }
        return sendText(res, "application/json", JSON.stringify(sign()));
      }
      if (pathname === FONTS_PATH) {
        return sendText(res, "text/css", "/* Inter from cdn.shopify.com is not reachable offline; Polaris falls back to system fonts. */\n");
      }
    }
    rewriteHtmlResponses(res);
    next();
  };
}

function sendText(res: Response, type: string, body: string) {
  res.setHeader("Content-Type", type);
  res.setHeader("Cache-Control", "no-store");
  res.send(body);
}

function isLoopback(address: string | undefined) {
  return !!address && (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127."));
}

/** Only app paths may be opened in the frame (no protocol-relative or absolute URLs). */
export function appPath(raw: string): string {
  return /^\/app(?:[/?#]|$)/.test(raw) && !raw.startsWith("//") ? raw : "/app";
}

export function withEmbeddedParams(path: string, p: { shop: string; host: string; idToken: string; locale?: string }) {
  const url = new URL(path, "http://placeholder");
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", p.shop);
  url.searchParams.set("host", p.host);
  url.searchParams.set("id_token", p.idToken);
  if (p.locale) url.searchParams.set("locale", p.locale);
  return `${url.pathname}${url.search}`;
}

// ---- HTML rewriting ---------------------------------------------------------------------------------------------

/** What changes in an HTML document served through the frame. Exported for tests. */
export function rewriteHtml(html: string): string {
  return html
    .split(APP_BRIDGE_CDN_URL)
    .join(STAND_IN_PATH)
    .replace(/https:\/\/cdn\.shopify\.com\/static\/fonts\/[^"'\s)]+\.css/g, FONTS_PATH)
    .replace(/(<link[^>]*rel="preconnect"[^>]*href=")https:\/\/cdn\.shopify\.com\/?(")/g, "$1/$2");
}

function rewriteHeaders(res: Response) {
  const link = res.getHeader("link");
  if (typeof link === "string" && link.includes(APP_BRIDGE_CDN_URL)) res.setHeader("Link", link.split(APP_BRIDGE_CDN_URL).join(STAND_IN_PATH));
  const csp = res.getHeader("content-security-policy");
  if (typeof csp === "string" && csp.includes("frame-ancestors") && !csp.includes("frame-ancestors 'self'")) {
    // Shopify's header allows only the shop's admin to frame the app; the local admin frame is this origin.
    res.setHeader("Content-Security-Policy", csp.replace("frame-ancestors", "frame-ancestors 'self'"));
  }
}

/**
 * Wraps res.write/res.end: HTML bodies are buffered (documents are small) and rewritten at the end, so a URL split
 * across two streamed chunks is still found; other responses pass through untouched.
 */
function rewriteHtmlResponses(res: Response) {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  let mode: "undecided" | "html" | "pass" = "undecided";
  const chunks: Buffer[] = [];

  const decide = () => {
    if (mode !== "undecided") return;
    if (res.headersSent) {
      mode = "pass";
      return;
    }
    rewriteHeaders(res);
    mode = /^text\/html/i.test(String(res.getHeader("content-type") ?? "")) ? "html" : "pass";
  };
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");

  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    decide();
    if (mode === "pass") return write(chunk, ...rest);
    chunks.push(toBuffer(chunk, rest[0]));
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    callback?.();
    return true;
  } as Response["write"];

  res.end = function (this: Response, ...args: unknown[]) {
    decide();
    if (mode === "pass") return end(...args);
    const [chunk, encoding] = args;
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(toBuffer(chunk, encoding));
    const callback = args.find((a) => typeof a === "function") as (() => void) | undefined;
    const body = Buffer.from(rewriteHtml(Buffer.concat(chunks).toString("utf8")), "utf8");
    if (!res.headersSent) res.setHeader("Content-Length", body.length);
    return callback ? end(body, callback) : end(body);
  } as Response["end"];
}

// ---- the admin page ---------------------------------------------------------------------------------------------

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function adminPage(p: { shop: string; shopName: string; src: string; path: string }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Waypost · local admin (development)</title>
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; font: 13px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #303030; background: #1a1a1a; }
  #top { height: 56px; display: flex; align-items: center; gap: 16px; padding: 0 16px; color: #e3e3e3; }
  #top .logo { font-weight: 700; font-size: 15px; color: #fff; }
  #top .dev { background: #ffb800; color: #1a1a1a; border-radius: 8px; padding: 2px 8px; font-weight: 600; font-size: 12px; }
  #top .search { flex: 1; max-width: 520px; margin: 0 auto; background: #303030; border-radius: 8px; height: 32px; color: #8a8a8a; display: flex; align-items: center; padding: 0 12px; }
  #top .store { color: #fff; font-weight: 600; }
  #body { display: flex; height: calc(100% - 56px); background: #f1f1f1; border-radius: 12px 12px 0 0; overflow: hidden; }
  #nav { width: 240px; flex: none; padding: 12px 8px; background: #ebebeb; overflow-y: auto; }
  #nav .item { display: block; padding: 6px 10px; border-radius: 8px; color: #303030; text-decoration: none; font-weight: 600; cursor: default; }
  #nav .muted { color: #8a8a8a; font-weight: 500; }
  #nav .section { margin: 16px 10px 4px; font-size: 12px; color: #616161; font-weight: 600; }
  #nav a.app-link { cursor: pointer; font-weight: 500; padding-left: 26px; }
  #nav a.app-link:hover, #nav .app:hover { background: #e3e3e3; }
  #nav a.app-link.active { background: #fff; font-weight: 650; }
  #nav .app { cursor: pointer; }
  #main { flex: 1; display: flex; flex-direction: column; min-width: 0; position: relative; }
  #titlebar { height: 52px; flex: none; display: flex; align-items: center; gap: 8px; padding: 0 20px; background: #f1f1f1; border-bottom: 1px solid #e3e3e3; }
  #titlebar h1 { font-size: 20px; margin: 0; flex: 1; font-weight: 700; }
  #titlebar button { border: 1px solid #c9c9c9; background: #fff; border-radius: 8px; padding: 6px 12px; font: inherit; font-weight: 600; cursor: pointer; }
  #titlebar button.primary { background: #303030; color: #fff; border-color: #303030; }
  #loading { position: absolute; top: 0; left: 0; height: 3px; width: 0; background: #29845a; transition: width .4s; }
  #loading.on { width: 80%; }
  iframe { flex: 1; width: 100%; border: 0; background: #f1f1f1; }
  #toasts { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); display: flex; flex-direction: column; gap: 8px; align-items: center; z-index: 10; }
  .toast { background: #1a1a1a; color: #fff; padding: 10px 16px; border-radius: 10px; font-weight: 550; box-shadow: 0 4px 12px rgba(0,0,0,.2); }
  .toast.error { background: #c70a24; }
</style>
</head>
<body>
<div id="top">
  <span class="logo">shopify</span><span class="dev" title="Development tooling: no Shopify account, session tokens signed locally">local admin · development</span>
  <span class="search">Search</span>
  <span class="store">${esc(p.shopName)}</span>
</div>
<div id="body">
  <nav id="nav" aria-label="Admin">
    <span class="item">Home</span>
    <span class="item muted">Orders</span>
    <span class="item muted">Products</span>
    <span class="item muted">Customers</span>
    <span class="item muted">Settings</span>
    <div class="section">Apps</div>
    <a class="item app" id="app-home" data-index="0">Waypost</a>
    <div id="app-nav" role="list"></div>
  </nav>
  <div id="main">
    <div id="loading"></div>
    <div id="titlebar"><h1 id="app-title">Waypost</h1><span id="app-actions"></span></div>
    <iframe id="app-frame" name="app-iframe" title="Waypost" src="${esc(p.src)}"></iframe>
  </div>
</div>
<div id="toasts" aria-live="polite"></div>
<script>
(function () {
  var frame = document.getElementById("app-frame");
  var nav = document.getElementById("app-nav");
  var items = [];
  var current = ${JSON.stringify(p.path)};
  function post(msg) { msg.source = "waypost-local-admin"; frame.contentWindow && frame.contentWindow.postMessage(msg, location.origin); }
  function pathOnly(href) { return String(href || "").split(/[?#]/)[0].replace(/\\/$/, "") || "/"; }
  function renderNav() {
    nav.textContent = "";
    var here = pathOnly(current);
    var best = -1, bestLen = -1;
    items.forEach(function (it, i) { var p = pathOnly(it.href); if ((here === p || here.indexOf(p + "/") === 0) && p.length > bestLen && !it.home) { best = i; bestLen = p.length; } });
    items.forEach(function (it, i) {
      if (it.home) return;
      var a = document.createElement("a");
      a.className = "item app-link" + (i === best ? " active" : "");
      a.textContent = it.text; a.href = "/__admin?path=" + encodeURIComponent(it.href); a.setAttribute("role", "listitem");
      a.addEventListener("click", function (e) { e.preventDefault(); post({ type: "navigate", index: i, href: it.href }); });
      nav.appendChild(a);
    });
  }
  document.getElementById("app-home").addEventListener("click", function () {
    var home = items.filter(function (it) { return it.home; })[0];
    post({ type: "navigate", index: home ? items.indexOf(home) : -1, href: home ? home.href : "/app" });
  });
  function toast(m) {
    var el = document.createElement("div");
    el.className = "toast" + (m.isError ? " error" : ""); el.textContent = m.message; el.setAttribute("role", "status");
    document.getElementById("toasts").appendChild(el);
    setTimeout(function () { el.remove(); }, m.duration || 5000);
  }
  window.addEventListener("message", function (e) {
    if (e.origin !== location.origin || e.source !== frame.contentWindow || !e.data || e.data.source !== "waypost-app-bridge") return;
    var m = e.data;
    if (m.type === "nav") { items = m.items; renderNav(); }
    else if (m.type === "title") {
      document.getElementById("app-title").textContent = m.title || "Waypost";
      var actions = document.getElementById("app-actions"); actions.textContent = "";
      (m.buttons || []).forEach(function (b, i) {
        var btn = document.createElement("button"); btn.textContent = b.label; btn.disabled = !!b.disabled;
        if (b.variant === "primary") btn.className = "primary";
        btn.addEventListener("click", function () { post({ type: "title-action", index: i }); });
        actions.appendChild(btn);
      });
    }
    else if (m.type === "location") {
      current = m.path; renderNav();
      history.replaceState(null, "", "/__admin?path=" + encodeURIComponent(m.path));
    }
    else if (m.type === "toast") toast(m);
    else if (m.type === "loading") document.getElementById("loading").className = m.on ? "on" : "";
  });
})();
</script>
</body>
</html>`;
}

// ---- the App Bridge stand-in ------------------------------------------------------------------------------------

function appBridgeStandIn(cfg: { apiKey: string; shop: string; host: string; token: string; exp: number }) {
  return `// App Bridge stand-in for local development (scripts/dev/local-admin.ts). NOT Shopify's App Bridge.
(function () {
  "use strict";
  var cfg = ${JSON.stringify({ ...cfg, tokenUrl: SESSION_TOKEN_PATH })};
  var framed = window.parent !== window;
  var token = cfg.token, exp = cfg.exp, inflight = null;
  var realFetch = window.fetch.bind(window);
  var calls = { toasts: [], loading: [], saveBar: [], modal: [], resourcePicker: [] };

  function post(msg) { if (framed) { msg.source = "waypost-app-bridge"; window.parent.postMessage(msg, location.origin); } }

  // Session tokens: one fresh per page load (in this script); refreshed 15 s before expiry, as App Bridge does.
  function idToken() {
    if (token && exp * 1000 - Date.now() > 15000) return Promise.resolve(token);
    if (!inflight) {
      inflight = realFetch(cfg.tokenUrl, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { if (!r.ok) throw new Error("session token endpoint answered " + r.status); return r.json(); })
        .then(function (j) { token = j.token; exp = j.exp; return token; })
        .finally(function () { inflight = null; });
    }
    return inflight;
  }

  // Same-origin requests carry Authorization: Bearer <session token>; one retry when the server asks for it.
  window.fetch = function (input, init) {
    var url;
    try { url = new URL(input instanceof Request ? input.url : String(input), location.href); } catch (e) { return realFetch(input, init); }
    if (url.origin !== location.origin || url.pathname.indexOf("/__dev/") === 0) return realFetch(input, init);
    var request = new Request(input, init);
    var spare = request.clone();
    return idToken().then(function (t) {
      request.headers.set("Authorization", "Bearer " + t);
      return realFetch(request);
    }).then(function (res) {
      if (res.status !== 401 || res.headers.get("X-Shopify-Retry-Invalid-Session-Request") !== "1") return res;
      token = null;
      return idToken().then(function (t) { spare.headers.set("Authorization", "Bearer " + t); return realFetch(spare); });
    });
  };

  // The library's bounce page (/auth/session-token?shopify-reload=…) expects App Bridge to come back with a token.
  if (location.pathname === "/auth/session-token") {
    var reload = new URLSearchParams(location.search).get("shopify-reload");
    if (reload) idToken().then(function (t) {
      var next = new URL(reload, location.href);
      if (next.origin !== location.origin) return;
      next.searchParams.set("id_token", t);
      location.replace(next.toString());
    });
  }

  var toastSeq = 0;
  function byId(id) { var el = document.getElementById(id); if (!el) throw new Error("No element with id " + id); return el; }
  window.shopify = {
    config: { apiKey: cfg.apiKey, shop: cfg.shop, host: cfg.host, locale: "en" },
    origin: location.origin,
    environment: { embedded: framed, mobile: false, pos: false },
    idToken: idToken,
    user: function () { return Promise.resolve({ id: 42, name: "Demo Merchant", accountAccess: "Account owner" }); },
    toast: {
      show: function (message, opts) {
        var t = { id: "toast-" + (++toastSeq), message: String(message), isError: !!(opts && opts.isError), duration: (opts && opts.duration) || 5000 };
        calls.toasts.push(t);
        if (framed) post({ type: "toast", message: t.message, isError: t.isError, duration: t.duration });
        else console.info("[toast] " + t.message);
        return t.id;
      },
      hide: function () {},
    },
    loading: function (on) { calls.loading.push(on !== false); post({ type: "loading", on: on !== false }); },
    modal: {
      show: function (id) { calls.modal.push(["show", id]); return byId(id).show(); },
      hide: function (id) { calls.modal.push(["hide", id]); return byId(id).hide(); },
      toggle: function (id) { var el = byId(id); return el.hasAttribute("open") ? el.hide() : el.show(); },
    },
    saveBar: {
      show: function (id) { calls.saveBar.push(["show", id]); return byId(id).show(); },
      hide: function (id) { calls.saveBar.push(["hide", id]); return byId(id).hide(); },
      toggle: function (id) { var el = byId(id); return el.hasAttribute("open") ? el.hide() : el.show(); },
      leaveConfirmation: function () { return Promise.resolve(); },
    },
    resourcePicker: function (opts) { calls.resourcePicker.push(opts || {}); return Promise.resolve(undefined); },
    scopes: { query: function () { return Promise.resolve({ granted: [], required: [], optional: [] }); }, request: function () { return Promise.resolve({ result: "declined-all" }); } },
  };
  window.__waypostAppBridge = calls;

  // Minimal <ui-modal> and <ui-save-bar> so App Bridge React's Modal and SaveBar have show()/hide()/content.
  function overlayElement(kind) {
    return class extends HTMLElement {
      connectedCallback() {
        // Only the modal gets a content box (React's Modal portals into it). The save bar's children are the app's
        // own server-rendered <button>s: adding a node there would break React's hydration of the page.
        if (kind === "modal" && !this.content) { this.content = document.createElement("div"); this.content.className = "dev-" + kind + "-content"; this.appendChild(this.content); }
      }
      show() { this.setAttribute("open", ""); this.dispatchEvent(new Event("show")); return Promise.resolve(); }
      hide() { if (!this.hasAttribute("open")) return Promise.resolve(); this.removeAttribute("open"); this.dispatchEvent(new Event("hide")); return Promise.resolve(); }
      toggle() { return this.hasAttribute("open") ? this.hide() : this.show(); }
    };
  }
  if (!customElements.get("ui-modal")) customElements.define("ui-modal", overlayElement("modal"));
  if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", overlayElement("save-bar"));

  var css = "ui-modal:not([open]), ui-save-bar:not([open]) { display: none; }" +
    "ui-modal[open] { position: fixed; inset: 0; z-index: 1000; background: rgba(0,0,0,.45); display: flex; align-items: center; justify-content: center; }" +
    "ui-modal[open] > .dev-modal-content { background: #fff; border-radius: 12px; padding: 16px; min-width: 320px; max-width: 90vw; max-height: 90vh; overflow: auto; }" +
    "ui-save-bar[open] { position: fixed; top: 0; left: 0; right: 0; z-index: 999; display: flex; gap: 8px; justify-content: flex-end; align-items: center; padding: 8px 16px; background: #1a1a1a; }" +
    // Shopify's bar says "Unsaved changes" beside its buttons; the app's <button>s are its Save and Discard.
    "ui-save-bar[open]::before { content: 'Unsaved changes'; color: #fff; font-weight: 600; margin-right: auto; }" +
    "ui-save-bar[open] > button { border: 0; border-radius: 8px; padding: 6px 12px; font: inherit; font-weight: 600; cursor: pointer; background: #303030; color: #fff; }" +
    "ui-save-bar[open] > button[variant=primary] { background: #fff; color: #1a1a1a; }" +
    "ui-save-bar[open] > button:disabled { opacity: .6; cursor: default; }" +
    (framed ? "ui-nav-menu, ui-title-bar { display: none !important; }" : "");
  var style = document.createElement("style");
  style.setAttribute("data-waypost-dev", "app-bridge");
  style.textContent = css;
  (document.head || document.documentElement).appendChild(style);

  // Mirror the app's navigation and title bar into the admin chrome, and follow the app's location.
  if (framed) {
    var last = {};
    function sendOnce(key, msg) { var s = JSON.stringify(msg); if (last[key] !== s) { last[key] = s; post(msg); } }
    function cleanPath() {
      var u = new URL(location.href);
      ["embedded", "shop", "host", "id_token", "hmac", "locale", "session", "timestamp"].forEach(function (k) { u.searchParams.delete(k); });
      return u.pathname + u.search;
    }
    function sync() {
      var menu = document.querySelector("ui-nav-menu");
      if (menu) sendOnce("nav", { type: "nav", items: Array.prototype.map.call(menu.querySelectorAll("a"), function (a) {
        return { href: a.getAttribute("href"), text: (a.textContent || "").trim(), home: a.getAttribute("rel") === "home" };
      }) });
      var bar = document.querySelector("ui-title-bar");
      if (bar) sendOnce("title", { type: "title", title: bar.getAttribute("title") || "", buttons: Array.prototype.map.call(bar.querySelectorAll("button"), function (b) {
        return { label: (b.textContent || "").trim(), variant: b.getAttribute("variant") || "", disabled: b.disabled };
      }) });
      sendOnce("location", { type: "location", path: cleanPath() });
    }
    var scheduled = false;
    function schedule() { if (!scheduled) { scheduled = true; setTimeout(function () { scheduled = false; sync(); }, 0); } }
    new MutationObserver(schedule).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    ["pushState", "replaceState"].forEach(function (m) {
      var orig = history[m];
      history[m] = function () { var r = orig.apply(this, arguments); schedule(); return r; };
    });
    window.addEventListener("popstate", schedule);
    document.addEventListener("DOMContentLoaded", schedule);

    window.addEventListener("message", function (e) {
      if (e.origin !== location.origin || e.source !== window.parent || !e.data || e.data.source !== "waypost-local-admin") return;
      var m = e.data;
      if (m.type === "navigate") {
        var links = document.querySelectorAll("ui-nav-menu a");
        var a = links[m.index];
        // What App Bridge does: a shopify:navigate event on the menu's link (AppProvider routes it with Remix).
        if (a) a.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
        else if (typeof m.href === "string" && m.href.charAt(0) === "/") location.assign(m.href);
      } else if (m.type === "title-action") {
        var btn = document.querySelectorAll("ui-title-bar button")[m.index];
        if (btn) btn.click();
      }
    });
  }
})();
`;
}
