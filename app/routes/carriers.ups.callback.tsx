// UPS's redirect back after the merchant's sign-in (GET /carriers/ups/callback?code&state or ?error&state).
// Not embedded and without a Shopify session: the sealed, expiring state is the only trust (it names the shop and
// holds the PKCE verifier). The code is exchanged, the tokens stored sealed, the account verified with a first
// rating call; then the merchant goes back to Carriers → UPS inside the Shopify admin.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { completeUpsAuthorization, upsConnectDeps } from "~/services/ups-connect.server";

const STATE_PROBLEMS: Record<string, string> = {
  expired: "This UPS sign-in took too long and expired.",
  malformed: "This UPS sign-in link is incomplete.",
  tampered: "This UPS sign-in link was not issued by Waypost.",
  wrong_carrier: "This sign-in link belongs to another carrier.",
  incomplete: "This UPS sign-in could not be completed.",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const deps = upsConnectDeps();
  const outcome = await completeUpsAuthorization(deps, new URL(request.url).searchParams);
  if (outcome.kind === "invalid_state") {
    const text = `${STATE_PROBLEMS[outcome.reason] ?? STATE_PROBLEMS.incomplete} Nothing was connected. Open Waypost in your Shopify admin, go to Carriers → UPS and connect again.`;
    return new Response(text, { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const result = outcome.kind === "connected" ? outcome.status : outcome.kind === "denied" ? "denied" : "failed";
  return redirect(deps.adminUrl(outcome.shop, `/app/carriers/ups?ups=${result}`), { headers: { "cache-control": "no-store" } });
};
