import { z } from "zod";
import { ROLES } from "../../store/tokens.js";
import { ApiError } from "../errors.js";
import { Answer, route } from "../route.js";
import { cursor, limit, text } from "../schemas.js";

export function adminRoutes() {
  return [
    route({
      method: "GET",
      url: "/api/v1/audit",
      access: "audit",
      tag: "admin",
      summary:
        "The audit log (who, what, when, before and after), oldest first; it can be read, never edited",
      query: z.object({
        subject: text(300).optional(),
        action: text(100).optional(),
        cursor,
        limit: limit(1000, 100),
      }),
      async handler({ deps, query }) {
        return deps.store.audit.list(query);
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/tokens",
      access: "admin",
      tag: "admin",
      summary: "API tokens (never their secrets: only hashes are stored)",
      async handler({ deps }) {
        return { tokens: await deps.store.tokens.list() };
      },
    }),
    route({
      method: "POST",
      url: "/api/v1/tokens",
      access: "admin",
      tag: "admin",
      summary: "Make a token; the secret is in this answer only",
      body: z.object({ role: z.enum(ROLES), name: text(100) }),
      timeout: false,
      async handler({ deps, body, caller, now }) {
        const token = await deps.store.tokens.create(body.role, body.name, caller!.actor, now);
        return new Answer(token, 201);
      },
    }),
    route({
      method: "DELETE",
      url: "/api/v1/tokens/:id",
      access: "admin",
      tag: "admin",
      summary: "Revoke a token",
      params: z.object({ id: z.coerce.number().int().positive() }),
      timeout: false,
      async handler({ deps, params, caller, now }) {
        const token = await deps.store.tokens.revoke(params.id, caller!.actor, now);
        if (!token) throw new ApiError("not-found", `no token ${params.id}`);
        return token;
      },
    }),
  ];
}
