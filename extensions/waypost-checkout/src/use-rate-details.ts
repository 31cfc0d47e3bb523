import { useEffect, useState } from "preact/hooks";
import { fetchRateDetails } from "./api";
import type { RateDetails, RequestBody } from "./logic";

/**
 * The backend's answer for this request body, or null while loading, on failure, or when there is nothing to
 * ask. A new body aborts the previous call, and an answer for an earlier cart is never shown for the current one.
 */
export function useRateDetails(body: RequestBody | null, getToken: () => Promise<string>): RateDetails[] | null {
  const key = body ? JSON.stringify(body) : "";
  const [state, setState] = useState<{ key: string; answer: RateDetails[] | null }>({ key: "", answer: null });
  useEffect(() => {
    if (!body) return undefined;
    const controller = new AbortController();
    void fetchRateDetails(body, { getToken, signal: controller.signal }).then((answer) => {
      if (!controller.signal.aborted) setState({ key, answer });
    });
    return () => controller.abort();
    // key stands for body; getToken is stable (shopify.sessionToken.get)
  }, [key]);
  return body && state.key === key ? state.answer : null;
}
