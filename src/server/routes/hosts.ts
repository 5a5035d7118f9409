import { z } from "zod";
import { HOST_STATUSES } from "../../store/types.js";
import { assessed } from "../assessed.js";
import { ApiError } from "../errors.js";
import { route } from "../route.js";
import { cursor, instant, limit, text } from "../schemas.js";

const HostQuery = z.object({
  status: z.enum(HOST_STATUSES).optional(),
  product: text(200).optional(),
  site: text(200).optional(),
  owner: text(200).optional(),
  seenSince: instant.optional(),
  seenBefore: instant.optional(),
  q: text(255).optional(),
  cursor,
  limit: limit(),
});

const KeyParams = z.object({ key: z.string().min(1).max(1000) });

export function hostRoutes() {
  return [
    route({
      method: "GET",
      url: "/api/v1/hosts",
      access: "read",
      tag: "hosts",
      summary: "Hosts, filtered by status, product, site, owner and last seen; keyset pages in key order",
      query: HostQuery,
      async handler({ deps, query }) {
        return deps.store.hosts.list(query);
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/hosts/:key",
      access: "read",
      tag: "hosts",
      summary: "One host: identity, findings, work items and its dated observation history",
      params: KeyParams,
      async handler({ deps, params, now }) {
        const host = await deps.store.hosts.get(params.key);
        if (!host) throw new ApiError("not-found", `no host ${params.key}`);
        const [findings, items, observations] = await Promise.all([
          deps.store.findings.list({ host: params.key, limit: 500, evidence: 5 }),
          deps.store.campaign.list({ host: params.key, limit: 500 }, now),
          deps.store.hosts.observations(host.id),
        ]);
        const { id: _id, ...rest } = host;
        return {
          host: rest,
          findings: await assessed(findings.items, deps, now),
          items: items.items,
          observations,
        };
      },
    }),
    route({
      method: "PATCH",
      url: "/api/v1/hosts/:key",
      access: "change",
      tag: "hosts",
      summary: "Set a host's site or owner (null clears it)",
      params: KeyParams,
      body: z
        .object({ site: text(200).nullable().optional(), owner: text(200).nullable().optional() })
        .refine((b) => b.site !== undefined || b.owner !== undefined, "give site or owner"),
      timeout: false,
      async handler({ deps, params, body, caller, now }) {
        const host = await deps.store.hosts.patch(
          params.key,
          {
            ...(body.site !== undefined && { site: body.site }),
            ...(body.owner !== undefined && { owner: body.owner }),
          },
          caller!.actor,
          now,
        );
        if (!host) throw new ApiError("not-found", `no host ${params.key}`);
        return host;
      },
    }),
  ];
}
