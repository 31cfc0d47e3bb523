// Setup for the 3PL partner tests: the tracking world (shop, Wish, webhook sink, fake Admin API) plus providers,
// a capturing mailer and helpers that put fulfillment orders at a link's location in the fake.
import { getDb } from "~/db.server";
import { partnersContext, type PartnersContext } from "~/services/partners/context.server";
import type { MailMessage } from "~/services/partners/mail.server";
import { addFulfillmentOrder, type FakeFulfillmentOrder } from "../fakes/shopify-fulfillment";
import type { World } from "./tracking-world";

export function capturingContext(overrides: Partial<PartnersContext> = {}) {
  const mail: MailMessage[] = [];
  const ctx = partnersContext({
    mailer: {
      async send(m) {
        mail.push(m);
        return { sent: true };
      },
    },
    allowLoopback: true,
    ...overrides,
  });
  return { ctx, mail };
}

let seq = 0;
export async function createProviderRow(name = "Demo 3PL", email?: string) {
  seq++;
  return getDb().provider.create({ data: { name, email: email ?? `ops${seq}@${name.toLowerCase().replace(/\W+/g, "")}.test`, publicId: `P-TEST${String(seq).padStart(4, "0")}` } });
}

export function foAt(world: World, locationId: string, opts: Partial<FakeFulfillmentOrder> = {}) {
  return addFulfillmentOrder(world.admin.state.fulfillment, locationId, opts);
}
