// Routes come from the file names in app/routes (Remix's flat-routes convention), as in Shopify's template.
// With v3_routeConfig on, the move to React Router 7 keeps this file and swaps the import for
// @react-router/fs-routes.
import { flatRoutes } from "@remix-run/fs-routes";
import type { RouteConfig } from "@remix-run/route-config";

export default flatRoutes({ ignoredRouteFiles: ["**/.*", "**/*.test.ts"] }) satisfies RouteConfig;
