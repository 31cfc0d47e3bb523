// Signs out: deletes the database session (CSRF-checked POST) and clears the cookie.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { SESSION_COOKIE, cookie } from "~/services/partners/http.server";
import { logout } from "~/services/partners/portal-auth.server";
import { isSecure, portalForm, requirePortal } from "~/services/partners/portal-route.server";

export const loader = () => redirect("/partners/orders");

export const action = async ({ request }: ActionFunctionArgs) => {
  const portal = await requirePortal(request);
  await portalForm(request, portal);
  await logout(portal.ctx, portal.session);
  return redirect("/partners/login", { headers: { "Set-Cookie": cookie(SESSION_COOKIE, "", { secure: isSecure(portal.ctx.appUrl), maxAgeSeconds: 0 }) } });
};
