import { z } from "zod";
import { Confidence, FindingClass } from "../../model/finding.js";
import { assessed } from "../assessed.js";
import { ApiError } from "../errors.js";
import { route } from "../route.js";
import { cursor, limit, text } from "../schemas.js";

export function findingRoutes() {
  return [
    route({
      method: "GET",
      url: "/api/v1/findings",
      access: "read",
      tag: "findings",
      summary: "Findings with their newest evidence; filter by host, product, class, confidence, scope",
      query: z.object({
        host: text(1000).optional(),
        product: text(200).optional(),
        class: FindingClass.optional(),
        confidence: Confidence.optional(),
        scope: z.enum(["covered", "exempt", "not-covered"]).optional(),
        evidence: z.coerce.number().int().min(0).max(1000).default(5),
        cursor,
        limit: limit(),
      }),
      async handler({ deps, query, now }) {
        const page = await deps.store.findings.list(query);
        return { ...page, items: await assessed(page.items, deps, now) };
      },
    }),
    route({
      method: "GET",
      url: "/api/v1/findings/:id",
      access: "read",
      tag: "findings",
      summary: "One finding with all its stored evidence and the inputs that saw it",
      params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "a finding id") }),
      async handler({ deps, params, now }) {
        const finding = await deps.store.findings.get(params.id);
        if (!finding) throw new ApiError("not-found", `no finding ${params.id}`);
        const [withAssessments] = await assessed([finding], deps, now);
        return { finding: withAssessments, sightings: await deps.store.findings.sightings(params.id) };
      },
    }),
  ];
}
