import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { z } from "zod";
import { authorize } from "./auth.js";
import { type AppDeps, DEFAULT_LIMITS, type Limits } from "./deps.js";
import { ApiError, errorBody, handleError, validationError } from "./errors.js";
import { Inflight } from "./inflight.js";
import { openApiDocument } from "./openapi.js";
import { RateLimiter } from "./rate-limit.js";
import { Answer, type RouteSpec } from "./route.js";
import { adminRoutes } from "./routes/admin.js";
import { campaignRoutes } from "./routes/campaign.js";
import { findingRoutes } from "./routes/findings.js";
import { hostRoutes } from "./routes/hosts.js";
import { inputRoutes } from "./routes/inputs.js";
import { reportRoutes } from "./routes/reports.js";
import { screenRoutes } from "./routes/screen.js";
import { systemRoutes } from "./routes/system.js";
import { webRoutes } from "./routes/web.js";

/** How often waivers are checked for expiry while the server runs (reads check too). */
const WAIVER_SWEEP_MS = 60_000;

export interface App extends FastifyInstance {
  /** Every route the app serves, for the OpenAPI document and the role tests. */
  readonly routeSpecs: readonly RouteSpec[];
  /** Ingests still running: shutdown waits for them. */
  readonly inflight: Inflight;
}

function parse<T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  where: string,
): z.infer<T> | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw validationError(where, r.error);
  return r.data;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError("timeout", `the request took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The HTTP API as a Fastify instance: routes from one table, each behind token auth, its role and
 * a rate limit; answers `inject()` in tests without a socket. `close()` waits for running ingests.
 */
export function createApp(deps: AppDeps): App {
  const limits: Limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const clock = deps.clock ?? (() => new Date());
  const full = { ...deps, limits, clock };
  const limiter = new RateLimiter(limits.perMinute);
  const inflight = new Inflight();
  let closing = false;
  let sweep: NodeJS.Timeout | undefined;

  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: limits.jsonBytes,
    requestTimeout: limits.requestTimeoutMs,
    return503OnClosing: true,
    forceCloseConnections: "idle",
  });
  const routes: RouteSpec[] = [
    ...systemRoutes(() => closing),
    ...inputRoutes(inflight),
    ...hostRoutes(),
    ...findingRoutes(),
    ...campaignRoutes(),
    ...reportRoutes(),
    ...screenRoutes(),
    ...adminRoutes(),
  ];

  const handlerOf = (spec: RouteSpec) => async (req: FastifyRequest, reply: FastifyReply) => {
    const now = clock();
    const caller = await authorize(req, spec.access, deps.store, limiter, now);
    const run = spec.handler({
      req,
      reply,
      deps: full,
      query: parse(spec.query, req.query, "query") ?? {},
      params: parse(spec.params, req.params, "params") ?? {},
      body: spec.rawBody ? undefined : parse(spec.body, req.body, "body"),
      caller,
      now,
    });
    const result = spec.timeout === false ? await run : await withTimeout(run, limits.readTimeoutMs);
    if (!(result instanceof Answer)) return result;
    if (result.type) reply.type(result.type);
    return reply.status(result.status).send(result.body);
  };

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send(errorBody("not-found", `no route ${req.method} ${req.url.split("?")[0]}`, req.id)),
  );
  for (const spec of routes.filter((r) => !r.rawBody)) {
    app.route({ method: spec.method, url: spec.url, handler: handlerOf(spec) });
  }
  // uploads read their own bodies: any content type streams through, multipart is split into files
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_req, payload, done) => done(null, payload));
    await scope.register(multipart, {
      limits: { fileSize: limits.uploadBytes, files: 100, fields: 20, parts: 200 },
    });
    for (const spec of routes.filter((r) => r.rawBody)) {
      scope.route({ method: spec.method, url: spec.url, handler: handlerOf(spec) });
    }
  });
  const doc = openApiDocument(routes);
  app.get("/api/v1/openapi.json", async () => doc);
  webRoutes(app);

  app.addHook("onReady", async () => {
    await deps.store.tokens.bootstrap(deps.bootstrapToken, clock());
    sweep = setInterval(() => {
      deps.store.campaign
        .expireWaivers(clock())
        .catch((e: unknown) => app.log.error({ err: e }, "waiver sweep"));
    }, WAIVER_SWEEP_MS);
    sweep.unref();
  });
  app.addHook("preClose", async () => {
    closing = true;
    clearInterval(sweep);
    await inflight.idle();
  });

  return Object.assign(app, { routeSpecs: routes, inflight }) as unknown as App;
}
