// The UPS connector: settings and secrets schemas, the catalogue, and a rate source per connection.
import type { Quote, RateRequest, RateSource } from "../carrier";
import type { CarrierConnectionContext, CarrierConnector, CarrierDeps, LandedCostQuote, LandedCostSource } from "../connector";
import { createClientState, createUpsClient, type UpsAuth, type UpsClientState } from "./client.server";
import { upsAdmin } from "./admin.server";
import { upsMessage } from "./errors";
import { buildLandedCostRequest, parseLandedCostResponse, UPS_LANDED_COST_SOURCE } from "./landed-cost";
import { buildRateRequest, upsDate } from "./rate-request";
import { parseRateResponse, type UpsQuoteDetail, type UpsRateResult } from "./rate-response";
import { UPS_SERVICES } from "./services";
import { UPS_HOSTS, UpsSecretsSchema, UpsSettingsSchema, type UpsAppCredentials, type UpsSecrets, type UpsSettings, type UpsTokenSecrets } from "./settings";

export interface UpsConnectorOptions {
  /** Waypost's UPS developer app (for refreshing authorization-code tokens); by default `deps.appCredentials`. */
  app?: () => UpsAppCredentials | null;
  cache?: UpsClientState;
  timeoutMs?: number;
}

/** What the trace shows of a UPS price: negotiated or published, UPS's billing weight, its delivery date. */
export function withDetails(quotes: Quote[], details: readonly UpsQuoteDetail[]): Quote[] {
  return quotes.map((q) => {
    const d = details.find((x) => x.serviceCode === q.serviceCode);
    if (!d) return q;
    return {
      ...q,
      ...(d.deliveryDate ? { deliveryDate: d.deliveryDate } : {}),
      details: {
        pricing: d.negotiated ? "negotiated" : "published",
        // Quoted as residential: checkout shoppers are mostly at home, and under-quoting UPS's surcharge costs the merchant.
        address: "residential",
        publishedPrice: d.published.amount,
        ...(d.billingWeight
          ? {
              billingWeight: `${d.billingWeight.value} ${d.billingWeight.unit}`,
            }
          : {}),
      },
    };
  });
}

const notConnected = (id: string): RateSource => ({
  id,
  async rate() {
    return {
      quotes: [],
      messages: [upsMessage("reconnect", "not_connected", "UPS is not connected; connect a UPS account to quote UPS rates")],
    };
  },
});

export function createUpsConnector(options: UpsConnectorOptions = {}): CarrierConnector<UpsSettings, UpsSecrets> {
  // One per connector, i.e. one per process for the registered connector: tokens, renewals and breakers outlive requests.
  const cache = options.cache ?? createClientState();
  const connector: CarrierConnector<UpsSettings, UpsSecrets> = {
    id: "ups",
    displayName: "UPS",
    settingsSchema: UpsSettingsSchema,
    secretsSchema: UpsSecretsSchema,
    services: UPS_SERVICES,
    capabilities: {
      rates: true,
      negotiatedRates: true,
      timeInTransit: true,
      landedCost: true,
      labels: false,
      tracking: false,
    },
    requiresConnection: true,
    // Waypost's UPS developer app (the sign-in and token renewal) and the host override for the loopback fake.
    env: { baseUrl: "UPS_BASE_URL", clientId: "UPS_CLIENT_ID", clientSecret: "UPS_CLIENT_SECRET" },
    admin: upsAdmin((connection, deps) => connector.createSource(connection, deps, { services: [] })),
    createSource(connection, deps) {
      if (!connection) return notConnected("ups");
      const { settings } = connection;
      const client = clientFor(connection, deps);
      return {
        id: `ups:${connection.id}`,
        async rate(req: RateRequest, { signal }): Promise<UpsRateResult> {
          try {
            const call = buildRateRequest(req, {
              settings,
              pickupDate: upsDate(deps.now()),
              customerContext: `waypost ${connection.id}`,
            });
            const answer = await client.rate(call, signal);
            if (!answer.ok) {
              const gone = answer.messages.find((m) => m.action === "reconnect");
              if (gone) connection.reportNeedsReconnect?.(gone.message).catch(() => {});
              return { quotes: [], details: [], messages: answer.messages };
            }
            const parsed = parseRateResponse(answer.value, {
              services: req.services,
              negotiatedRequested: true,
            });
            return {
              ...parsed,
              quotes: withDetails(parsed.quotes, parsed.details),
            };
          } catch (error) {
            // A bug of ours is still data at this boundary; the name only, since messages may reach merchants.
            const name = error instanceof Error ? error.name : "Error";
            return {
              quotes: [],
              details: [],
              messages: [upsMessage("none", "internal_error", `the UPS connector failed (${name})`)],
            };
          }
        },
      };
    },
    createLandedCostSource(connection, deps): LandedCostSource {
      const client = clientFor(connection, deps);
      return {
        id: `ups-landed-cost:${connection.id}`,
        async quote(req, { signal }): Promise<LandedCostQuote> {
          const failed = (messages: LandedCostQuote["messages"]): LandedCostQuote => ({
            ok: false,
            currency: req.currency,
            source: UPS_LANDED_COST_SOURCE,
            lines: [],
            totals: { duties: 0, taxes: 0, fees: 0 },
            messages,
          });
          try {
            const answer = await client.landedCost(
              buildLandedCostRequest(req, {
                accountNumber: connection.settings.accountNumber,
              }),
              signal
            );
            if (!answer.ok) {
              const gone = answer.messages.find((m) => m.action === "reconnect");
              if (gone) connection.reportNeedsReconnect?.(gone.message).catch(() => {});
              return failed(answer.messages);
            }
            return parseLandedCostResponse(answer.value, req);
          } catch (error) {
            const name = error instanceof Error ? error.name : "Error";
            return failed([upsMessage("none", "internal_error", `the UPS landed-cost connector failed (${name})`)]);
          }
        },
      };
    },
  };
  return connector;

  function clientFor(connection: CarrierConnectionContext<UpsSettings, UpsSecrets>, deps: CarrierDeps) {
    const { settings, secrets } = connection;
    const auth: UpsAuth =
      secrets.kind === "client_credentials"
        ? {
            kind: "client_credentials",
            clientId: secrets.clientId,
            clientSecret: secrets.clientSecret,
            merchantId: settings.accountNumber,
          }
        : {
            kind: "authorization_code",
            app: options.app ? options.app() : deps.appCredentials ?? null,
            secrets,
            saveSecrets: (next) => connection.saveSecrets(next),
            ...(connection.loadSecrets && connection.compareAndSwapSecrets
              ? {
                  store: tokenStore(connection.loadSecrets, connection.compareAndSwapSecrets),
                }
              : {}),
          };
    return createUpsClient({
      connectionId: connection.id,
      baseUrl: deps.baseUrl ?? UPS_HOSTS[connection.mode],
      fetch: deps.fetch,
      now: deps.now,
      timeoutMs: options.timeoutMs,
      auth,
      cache,
    });
  }
}

/** The connection row as the client's cross-instance token store (authorization-code secrets only). */
function tokenStore(
  load: () => Promise<{ secrets: UpsSecrets; version: string } | null>,
  swap: (expectedVersion: string, next: UpsSecrets) => Promise<string | null>
) {
  return {
    async load(): Promise<{
      secrets: UpsTokenSecrets;
      version: string;
    } | null> {
      const got = await load();
      return got && got.secrets.kind === "authorization_code" ? { secrets: got.secrets, version: got.version } : null;
    },
    swap: (expectedVersion: string, next: UpsTokenSecrets) => swap(expectedVersion, next),
  };
}

export const upsConnector = createUpsConnector();
