// Browsers ask every page for /favicon.ico. Waypost has no icon of its own inside the admin (Shopify shows the
// app's icon), so the answer is an empty 204 that browsers cache for a day, not a 404 with a stack trace logged.
export const loader = () => new Response(null, { status: 204, headers: { "Cache-Control": "public, max-age=86400" } });
