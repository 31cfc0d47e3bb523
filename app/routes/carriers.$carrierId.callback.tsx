// A carrier's redirect back after the merchant's sign-in (GET /carriers/<carrier>/callback?code&state or
// ?error&state; /carriers/ups/callback is the URL registered with UPS). Not embedded and without a Shopify
// session: the sealed, expiring state is the only trust (it names the shop and the carrier and holds the PKCE
// verifier). The code is exchanged, the tokens stored sealed, the account verified; then the merchant goes back
// to Carriers → <carrier> inside the Shopify admin.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { carrierConnectDeps, carrierPagePath, completeCarrierAuthorization, connectableCarrier } from "~/services/carrier-connect.server";

const stateProblems = (name: string): Record<string, string> => ({
  expired: `This ${name} sign-in took too long and expired.`,
  malformed: `This ${name} sign-in link is incomplete.`,
  tampered: `This ${name} sign-in link was not issued by Waypost.`,
  wrong_carrier: "This sign-in link belongs to another carrier.",
  incomplete: `This ${name} sign-in could not be completed.`,
});

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const deps = carrierConnectDeps();
  const carrierId = params.carrierId ?? "";
  const carrier = connectableCarrier(deps.carriers, carrierId);
  if (!carrier?.admin.oauth) return text("No such carrier sign-in.", 404);
  const outcome = await completeCarrierAuthorization(deps, carrierId, new URL(request.url).searchParams);
  if (outcome.kind === "invalid_state") {
    const problems = stateProblems(carrier.displayName);
    return text(`${problems[outcome.reason] ?? problems.incomplete} Nothing was connected. Open Waypost in your Shopify admin, go to Carriers → ${carrier.displayName} and connect again.`, 400);
  }
  const result = outcome.kind === "connected" ? outcome.status : outcome.kind === "denied" ? "denied" : "failed";
  return redirect(deps.adminUrl(outcome.shop, `${carrierPagePath(carrierId)}?connect=${result}`), { headers: { "cache-control": "no-store" } });
};
