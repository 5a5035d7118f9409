import { z } from "zod";
import { TOOL_VERSION } from "../version.js";
import { ERROR_STATUS } from "./errors.js";
import { ACCESS, type RouteSpec } from "./route.js";

type Json = Record<string, unknown>;

function schemaOf(t: z.ZodType): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(t, { io: "input", unrepresentable: "any" }) as Json;
  return rest;
}

function parameters(spec: RouteSpec): Json[] {
  const out: Json[] = [];
  const add = (where: "query" | "path", obj: z.ZodObject<z.ZodRawShape> | undefined) => {
    if (!obj) return;
    const js = schemaOf(obj) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), schema });
    }
  };
  add("path", spec.params);
  add("query", spec.query);
  return out;
}

const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** The OpenAPI 3.1 document, generated from the same route table and zod schemas the server runs. */
export function openApiDocument(routes: readonly RouteSpec[]): Json {
  const paths: Record<string, Json> = {};
  for (const spec of routes) {
    const path = spec.url.replace(/:(\w+)/g, "{$1}");
    const roles: readonly string[] = ACCESS[spec.access];
    const responses: Json = {
      "200": {
        description: "success",
        content: Object.fromEntries(
          (spec.produces ?? ["application/json"]).map((t) => [t.split(";")[0]!, {}]),
        ),
      },
      "400": errorRef("bad request (`bad-request`)"),
    };
    if (spec.access !== "public") {
      responses["401"] = errorRef("no token, or an unknown or revoked one (`unauthorized`)");
      responses["403"] = errorRef(`the token's role is not ${roles.join(" or ")} (\`forbidden\`)`);
      responses["429"] = errorRef("over the token's rate limit (`rate-limited`, with Retry-After)");
    }
    const op: Json = {
      operationId: `${spec.method.toLowerCase()}${path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
      tags: [spec.tag],
      summary: spec.summary,
      ...(spec.description && { description: spec.description }),
      parameters: parameters(spec),
      responses,
      security: spec.access === "public" ? [] : [{ bearer: [] }],
      "x-roles": roles,
    };
    if (spec.body) {
      op.requestBody = { required: true, content: { "application/json": { schema: schemaOf(spec.body) } } };
    } else if (spec.rawBody) {
      op.requestBody = {
        required: true,
        description:
          "the file itself as the body (any content type; gzip is read transparently), or multipart/form-data with one or more files",
        content: {
          "application/octet-stream": { schema: { type: "string", format: "binary" } },
          "multipart/form-data": {
            schema: { type: "object", properties: { file: { type: "string", format: "binary" } } },
          },
        },
      };
    }
    paths[path] = { ...(paths[path] ?? {}), [spec.method.toLowerCase()]: op };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "offramp API",
      version: TOOL_VERSION,
      description:
        "The offramp workspace: upload inventories and logs, read hosts and findings with evidence, move the migration campaign's work items, and render reports. Errors are `{error: {code, message, requestId}}` with a stable code.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "a token from `offramp token create`" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message", "requestId"],
              properties: {
                code: { type: "string", enum: Object.keys(ERROR_STATUS) },
                message: { type: "string" },
                requestId: { type: "string" },
                details: {},
              },
            },
          },
        },
      },
    },
  };
}
