// The one network call: POST the cart to Waypost's backend with the checkout session token. It never throws and
// never waits past its timeout; every failure is null, which the components render as nothing.
import { parseAnswer, type RateDetails, type RequestBody } from "./logic";

/** Waypost's backend (shopify.app.toml application_url). Extensions cannot read the app's env at runtime. */
export const APP_URL = "https://waypost.example.com";
export const RATE_DETAILS_PATH = "/api/checkout/rate-details";
export const TIMEOUT_MS = 3000;

export interface FetchDeps {
  getToken: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The component's own abort (unmount or a newer request); combined with the timeout. */
  signal?: AbortSignal;
  baseUrl?: string;
}

export async function fetchRateDetails(body: RequestBody, deps: FetchDeps): Promise<RateDetails[] | null> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, deps.timeoutMs ?? TIMEOUT_MS);
  deps.signal?.addEventListener("abort", abort);
  try {
    if (deps.signal?.aborted) return null;
    const token = await Promise.race([deps.getToken(), aborted(controller.signal)]);
    // Raced as well as signalled: the deadline holds even if a fetch implementation ignores the signal.
    const request = (deps.fetch ?? fetch)(`${deps.baseUrl ?? APP_URL}${RATE_DETAILS_PATH}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    request.catch(() => undefined); // the loser of the race must not become an unhandled rejection
    const response = await Promise.race([request, aborted(controller.signal)]);
    if (response.status !== 200) return null;
    const json: Promise<unknown> = response.json();
    json.catch(() => undefined);
    return parseAnswer(await Promise.race([json, aborted(controller.signal)]));
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    deps.signal?.removeEventListener("abort", abort);
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new Error("aborted"));
    signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
  });
}
