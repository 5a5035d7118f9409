import { z } from "zod";
import { TextInput } from "../../importers/input/text-input.js";
import { ingestInput } from "../../store/ingest.js";
import type { IngestSummary } from "../../store/types.js";
import { ApiError } from "../errors.js";
import type { Inflight } from "../inflight.js";
import { Answer, route } from "../route.js";
import { cursor, instant, limit, text } from "../schemas.js";
import { uploadParts } from "../upload.js";

const UploadQuery = z.object({
  name: z.string().max(255).optional(),
  format: z.string().max(64).optional(),
  host: text(255).optional(),
  site: text(200).optional(),
  observedAt: instant.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  map: z.union([z.string(), z.array(z.string())]).optional(),
});

function parseMap(map: string | string[] | undefined): Record<string, string> | undefined {
  if (map === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const pair of (Array.isArray(map) ? map : [map]).flatMap((m) => m.split(","))) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new ApiError("bad-request", `map wants COLUMN=FIELD, not "${pair}"`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

export function inputRoutes(inflight: Inflight) {
  return [
    route({
      method: "POST",
      url: "/api/v1/inputs",
      access: "upload",
      tag: "inputs",
      summary:
        "Upload inputs (raw body or multipart/form-data); the format is sniffed; returns the ingest summary",
      description:
        "The raw body is one file; a multipart form may carry several. Each file is ingested in one transaction and identified by its SHA-256: the same bytes again return status `duplicate` and change nothing. `observedAt` dates the export (default now); `site` tags the hosts it names.",
      query: UploadQuery,
      rawBody: true,
      timeout: false,
      async handler({ req, deps, query, caller, now }) {
        if (query.format && !deps.importers.some((i) => i.id === query.format)) {
          throw new ApiError("bad-request", `unknown format ${query.format}`);
        }
        const map = parseMap(query.map);
        const results: IngestSummary[] = [];
        for await (const part of uploadParts(req, query.name, deps.limits.uploadBytes)) {
          const summary = await inflight.run(() =>
            ingestInput(
              {
                store: deps.store,
                catalog: deps.catalog,
                importers: deps.importers,
                profiles: deps.profiles,
              },
              {
                input: { name: part.name, open: () => TextInput.fromStream(part.name, part.stream) },
                actor: caller!.actor,
                now,
                ...(query.observedAt && { observedAt: new Date(query.observedAt) }),
                ...(query.site && { site: query.site }),
                ...(query.format && { format: query.format }),
                importOptions: {
                  ...(query.host && { host: query.host }),
                  ...(map && { map }),
                  ...(query.year && { year: query.year }),
                },
              },
            ),
          );
          if (part.tooLarge()) {
            throw new ApiError(
              "payload-too-large",
              `${part.name} is larger than ${deps.limits.uploadBytes} bytes; nothing of it was stored`,
            );
          }
          results.push(summary);
        }
        if (!req.isMultipart()) {
          const only = results[0];
          if (!only) throw new ApiError("bad-request", "empty upload");
          if (only.status === "unreadable") {
            throw new ApiError(
              "unreadable-input",
              `${only.input.file}: ${only.issues[0]?.message ?? "could not be read"}`,
              only,
            );
          }
          return new Answer(only, only.status === "ingested" ? 201 : 200);
        }
        if (results.length === 0) throw new ApiError("bad-request", "the form carried no file");
        return new Answer({ inputs: results }, results.some((r) => r.status === "ingested") ? 201 : 200);
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/inputs",
      access: "read",
      tag: "inputs",
      summary: "Inputs ingested so far, oldest first",
      query: z.object({ cursor, limit: limit() }),
      async handler({ deps, query }) {
        return deps.store.inputs.list(query.cursor, query.limit);
      },
    }),
  ];
}
