import { z } from "zod";
import { SCHEMA_VERSION } from "../../store/migrate.js";
import { TOOL_VERSION } from "../../version.js";
import { Answer, route } from "../route.js";

export function systemRoutes(isClosing: () => boolean) {
  return [
    route({
      method: "GET",
      url: "/api/v1/health",
      access: "public",
      tag: "system",
      summary: "Liveness: the process answers",
      async handler() {
        return { status: "ok", version: TOOL_VERSION };
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/ready",
      access: "public",
      tag: "system",
      summary: "Readiness: the database answers with the expected schema and the server is not shutting down",
      async handler({ deps }) {
        if (isClosing()) return new Answer({ status: "shutting-down" }, 503);
        try {
          const r = await deps.store.ready();
          if (r.schemaVersion !== SCHEMA_VERSION) return new Answer({ status: "migrating", ...r }, 503);
          return { status: "ready", ...r };
        } catch {
          return new Answer({ status: "database-unavailable" }, 503);
        }
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/me",
      access: "any",
      tag: "system",
      summary: "The calling token: its name and role (what the dashboard may offer)",
      async handler({ caller }) {
        return { name: caller!.name, role: caller!.role };
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/catalog",
      access: "read",
      tag: "system",
      summary:
        "The catalogue this server matches with: name, version, digest, products, regimes and profiles",
      query: z.object({}),
      async handler({ deps }) {
        const c = deps.catalog;
        return {
          name: c.manifest.name,
          version: c.manifest.version,
          digest: c.digest,
          products: c.products.size,
          regimes: c.regimes.regimes.map((r) => r.id),
          profiles: c.regimes.profiles.map((p) => p.id),
          defaultProfiles: deps.profiles,
          formats: deps.importers.map((i) => ({
            id: i.id,
            title: i.title,
            category: i.category ?? "inventory",
          })),
        };
      },
    }),
  ];
}
