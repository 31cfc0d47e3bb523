// Shopify session storage on our own Prisma client. Written here rather than using
// @shopify/shopify-app-session-storage-prisma because that package pins Prisma 6 and stores tokens in clear text;
// here access and refresh tokens are sealed with AES-256-GCM before they touch the database.
import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Db } from "~/db.server";
import { seal, unseal } from "~/lib/secrets.server";

type Row = Awaited<ReturnType<Db["session"]["findUnique"]>> & {};

export class PrismaSessionStorage implements SessionStorage {
  constructor(private readonly db: () => Db) {}

  async storeSession(session: Session): Promise<boolean> {
    const data = {
      shop: session.shop,
      state: session.state,
      isOnline: session.isOnline,
      scope: session.scope ?? null,
      expires: session.expires ?? null,
      accessToken: seal(session.accessToken ?? ""),
      userId: session.onlineAccessInfo ? BigInt(session.onlineAccessInfo.associated_user.id) : null,
      firstName: session.onlineAccessInfo?.associated_user.first_name ?? null,
      lastName: session.onlineAccessInfo?.associated_user.last_name ?? null,
      email: session.onlineAccessInfo?.associated_user.email ?? null,
      accountOwner: session.onlineAccessInfo?.associated_user.account_owner ?? false,
      locale: session.onlineAccessInfo?.associated_user.locale ?? null,
      collaborator: session.onlineAccessInfo?.associated_user.collaborator ?? null,
      emailVerified: session.onlineAccessInfo?.associated_user.email_verified ?? null,
      refreshToken: session.refreshToken ? seal(session.refreshToken) : null,
      refreshTokenExpires: session.refreshTokenExpires ?? null,
    };
    await this.db().session.upsert({ where: { id: session.id }, create: { id: session.id, ...data }, update: data });
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.db().session.findUnique({ where: { id } });
    return row ? toSession(row) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.db().session.deleteMany({ where: { id } });
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    await this.db().session.deleteMany({ where: { id: { in: ids } } });
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.db().session.findMany({ where: { shop }, take: 25 });
    return rows.map(toSession);
  }
}

function toSession(row: Row): Session {
  const session = new Session({
    id: row.id,
    shop: row.shop,
    state: row.state,
    isOnline: row.isOnline,
    scope: row.scope ?? undefined,
    expires: row.expires ?? undefined,
    accessToken: unseal(row.accessToken),
    refreshToken: row.refreshToken ? unseal(row.refreshToken) : undefined,
    refreshTokenExpires: row.refreshTokenExpires ?? undefined,
  });
  if (row.userId !== null) {
    session.onlineAccessInfo = {
      expires_in: 0,
      associated_user_scope: row.scope ?? "",
      associated_user: {
        id: Number(row.userId),
        first_name: row.firstName ?? "",
        last_name: row.lastName ?? "",
        email: row.email ?? "",
        account_owner: row.accountOwner,
        locale: row.locale ?? "",
        collaborator: row.collaborator ?? false,
        email_verified: row.emailVerified ?? false,
      },
    } as Session["onlineAccessInfo"];
  }
  return session;
}
