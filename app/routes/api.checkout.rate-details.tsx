// POST /api/checkout/rate-details — called by the checkout UI extension (extensions/waypost-checkout) with its
// checkout session token. Answers the landed-cost breakdown the rate callback computed for one rate; unknown
// rates get 200 with no entries so the extension shows nothing. See docs/checkout-extension.md.
import { rateDetailsAction, rateDetailsLoader } from "~/services/checkout/rate-details-endpoint.server";
import { ratingService } from "~/services/rating/service.server";

export const loader = rateDetailsLoader;
export const action = rateDetailsAction(() => ratingService().rateDetails);
