import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Role } from "../store/tokens.js";
import type { AppDeps, Limits } from "./deps.js";

/** Who may call a route: each access names the roles that hold it. */
export const ACCESS = {
  public: [],
  /** any valid token, whatever its role */
  any: ["admin", "analyst", "viewer", "ingest"],
  read: ["admin", "analyst", "viewer"],
  upload: ["admin", "analyst", "ingest"],
  change: ["admin", "analyst"],
  audit: ["admin", "analyst"],
  admin: ["admin"],
} as const satisfies Record<string, readonly Role[]>;
export type Access = keyof typeof ACCESS;

export interface Caller {
  tokenId: number;
  name: string;
  role: Role;
  /** How the audit log names the caller. */
  actor: string;
}

export interface HandlerContext<Q, P, B> {
  req: FastifyRequest;
  reply: FastifyReply;
  deps: AppDeps & { limits: Limits; clock: () => Date };
  query: Q;
  params: P;
  body: B;
  caller: Caller | undefined;
  now: Date;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<
  Q extends AnyObject = AnyObject,
  P extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
> {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  access: Access;
  tag: string;
  summary: string;
  description?: string;
  query?: Q;
  params?: P;
  body?: B;
  /** The route reads its body itself (uploads): no JSON parsing. */
  rawBody?: boolean;
  /** Response content types other than JSON. */
  produces?: string[];
  /** Reads get the read timeout; uploads and changes run to the end. */
  timeout?: boolean;
  handler(ctx: HandlerContext<z.infer<Q>, z.infer<P>, z.infer<B>>): Promise<unknown>;
}

/**
 * A handler's answer with a status or content type other than 200 JSON. Handlers return it rather
 * than send: a read that ran out of time has already been answered, and its late result is dropped.
 */
export class Answer {
  constructor(
    readonly body: unknown,
    readonly status = 200,
    readonly type?: string,
  ) {}
}

/** Keeps the spec's zod types for the handler while the route table holds them all alike. */
export function route<Q extends AnyObject, P extends AnyObject, B extends z.ZodType>(
  spec: RouteSpec<Q, P, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}
