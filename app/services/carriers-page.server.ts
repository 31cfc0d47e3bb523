// What the Carriers page and the home banner show: every registered carrier that needs an account, with the shop's
// connections (status, mode, diagnosis), read through the registry so a new carrier appears without page changes.
import { getDb, type Db } from "~/db.server";
import { carrierRegistry, type CarrierRegistry } from "~/carriers/registry.server";
import { listCarrierConnections } from "./carrier-connections.server";

export interface CarrierRow {
  id: string;
  displayName: string;
  href: string;
  connections: {
    id: string;
    accountNumber: string;
    mode: string;
    status: string;
    lastError: string | null;
    diagnosis: { outcome?: string; messages?: { code: string; message: string }[] } | null;
    updatedAt: string;
  }[];
}

export async function carriersOverview(domain: string, db: Db = getDb(), carriers: CarrierRegistry = carrierRegistry): Promise<CarrierRow[]> {
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true } });
  const connections = shop ? await listCarrierConnections(db, shop.id) : [];
  return carriers
    .all()
    .filter((c) => c.requiresConnection)
    .map((c) => ({
      id: c.id,
      displayName: c.displayName,
      href: `/app/carriers/${c.id}`,
      connections: connections
        .filter((x) => x.carrierId === c.id)
        .map((x) => ({
          id: x.id,
          accountNumber: x.accountNumber,
          mode: x.mode,
          status: x.status,
          lastError: x.lastError,
          diagnosis: (x.diagnosis ?? null) as CarrierRow["connections"][number]["diagnosis"],
          updatedAt: x.updatedAt.toISOString(),
        })),
    }));
}

/** Connections the merchant must sign in to again (home page banner). */
export async function connectionsNeedingReconnect(domain: string, db: Db = getDb(), carriers: CarrierRegistry = carrierRegistry) {
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true } });
  if (!shop) return [];
  const rows = await db.carrierConnection.findMany({ where: { shopId: shop.id, status: "needs_reconnect" }, select: { carrierId: true, accountNumber: true } });
  return rows.map((r) => ({ carrierId: r.carrierId, displayName: carriers.get(r.carrierId)?.displayName ?? r.carrierId, accountNumber: r.accountNumber, href: `/app/carriers/${r.carrierId}` }));
}
