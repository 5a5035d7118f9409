import { z } from "zod";
import { ItemAction, ItemState } from "../../assess/campaign.js";
import { BURNDOWN_BY } from "../../store/burndown.js";
import { TransitionError } from "../../store/campaign-store.js";
import { ApiError } from "../errors.js";
import { route } from "../route.js";
import { cursor, day, flag, limit, text } from "../schemas.js";

const ItemParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "an item id") });

export function campaignRoutes() {
  return [
    route({
      method: "GET",
      url: "/api/v1/campaign",
      access: "read",
      tag: "campaign",
      summary: "Work items per state, and how many are overdue",
      async handler({ deps, now }) {
        await deps.store.campaign.expireWaivers(now);
        const overdue = await deps.store.campaign.list({ overdue: true, limit: 1 }, now);
        return { states: await deps.store.campaign.counts(), overdue: overdue.total };
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/campaign/items",
      access: "read",
      tag: "campaign",
      summary: "Work items, filtered by state, owner, product, site, host or overdue",
      query: z.object({
        state: ItemState.optional(),
        owner: text().optional(),
        product: text().optional(),
        site: text().optional(),
        host: text(1000).optional(),
        overdue: flag.optional(),
        cursor,
        limit: limit(),
      }),
      async handler({ deps, query, now }) {
        await deps.store.campaign.expireWaivers(now);
        return deps.store.campaign.list(query, now);
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/campaign/items/:id",
      access: "read",
      tag: "campaign",
      summary: "One work item and every transition it went through",
      params: ItemParams,
      async handler({ deps, params, now }) {
        await deps.store.campaign.expireWaivers(now);
        const item = await deps.store.campaign.get(params.id, now);
        if (!item) throw new ApiError("not-found", `no item ${params.id}`);
        return { item, transitions: await deps.store.campaign.events(params.id) };
      },
    }),
    route({
      method: "POST",
      url: "/api/v1/campaign/items/:id/transitions",
      access: "change",
      tag: "campaign",
      summary: "Move an item: assign, schedule, verify (needs evidence of absence), close, waive, reopen",
      description:
        "`verify` succeeds only when an inventory of the host taken after the product was last seen no longer lists it and no network indicator came from the host since. Send `version` to refuse the change if someone else moved the item first.",
      params: ItemParams,
      body: ItemAction.and(z.object({ version: z.number().int().positive().optional() })),
      timeout: false,
      async handler({ deps, params, body, caller, now }) {
        const { version, ...action } = body;
        try {
          return await deps.store.campaign.transition(
            params.id,
            action as ItemAction,
            caller!.actor,
            now,
            version,
          );
        } catch (e) {
          if (e instanceof TransitionError) throw new ApiError(e.code, e.message);
          throw e;
        }
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/campaign/burndown",
      access: "read",
      tag: "campaign",
      summary: "Items per day by status (or active items by product, site or owner)",
      query: z.object({
        by: z.enum(BURNDOWN_BY).default("status"),
        from: day.optional(),
        to: day.optional(),
      }),
      async handler({ deps, query, now }) {
        await deps.store.campaign.expireWaivers(now);
        const to = query.to ?? now.toISOString().slice(0, 10);
        if (query.from && query.from > to) throw new ApiError("bad-request", "from is after to");
        try {
          return await deps.store.burndown(query.by, query.from, to);
        } catch (e) {
          if (e instanceof RangeError) throw new ApiError("bad-request", e.message);
          throw e;
        }
      },
    }),
  ];
}
