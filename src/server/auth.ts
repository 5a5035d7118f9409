import type { FastifyRequest } from "fastify";
import type { Store } from "../store/store.js";
import { ApiError } from "./errors.js";
import type { RateLimiter } from "./rate-limit.js";
import { ACCESS, type Access, type Caller } from "./route.js";

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/**
 * No token or an unknown/revoked one: 401. A known token over its rate: 429. A role the route
 * does not admit: 403. Public routes skip all three.
 */
export async function authorize(
  req: FastifyRequest,
  access: Access,
  store: Store,
  limiter: RateLimiter,
  now: Date,
): Promise<Caller | undefined> {
  if (access === "public") return undefined;
  const secret = bearer(req);
  if (!secret) throw new ApiError("unauthorized", "send a token: Authorization: Bearer <token>");
  const token = await store.tokens.authenticate(secret, now);
  if (!token) throw new ApiError("unauthorized", "unknown or revoked token");
  const wait = limiter.take(`token:${token.id}`, now.getTime());
  if (wait > 0)
    throw new ApiError("rate-limited", `too many requests; retry in ${wait} s`, { retryAfter: wait });
  const roles: readonly string[] = ACCESS[access];
  if (!roles.includes(token.role)) {
    throw new ApiError("forbidden", `the ${token.role} role may not do this (needs ${roles.join(" or ")})`);
  }
  return { tokenId: token.id, name: token.name, role: token.role, actor: `${token.name}#${token.id}` };
}
