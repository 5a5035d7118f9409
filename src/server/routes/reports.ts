import { z } from "zod";
import { buildReport } from "../../report/document.js";
import { REPORT_FORMATS, renderReport } from "../../report/render/index.js";
import { scanResultFromStore } from "../../store/report-source.js";
import { Answer, route } from "../route.js";
import { day } from "../schemas.js";

const CONTENT_TYPES: Record<(typeof REPORT_FORMATS)[number], string> = {
  table: "text/plain; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  sarif: "application/sarif+json; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
};

export function reportRoutes() {
  return [
    route({
      method: "GET",
      url: "/api/v1/reports/:format",
      access: "read",
      tag: "reports",
      summary: `The workspace as a report, in any format the report module renders (${REPORT_FORMATS.join(", ")})`,
      description:
        "Every input, host and finding in the workspace, assessed as of `asOf` under `profile`; the HTML and Markdown reports carry the burn-down of active items.",
      params: z.object({ format: z.enum(REPORT_FORMATS) }),
      query: z.object({ asOf: day.optional(), profile: z.string().max(500).optional() }),
      produces: Object.values(CONTENT_TYPES),
      async handler({ deps, params, query, now }) {
        await deps.store.campaign.expireWaivers(now);
        const asOf = query.asOf ?? now.toISOString().slice(0, 10);
        const profiles = query.profile
          ? query.profile
              .split(",")
              .map((p) => p.trim())
              .filter(Boolean)
          : deps.profiles;
        const scan = await scanResultFromStore(deps.store.db);
        const report = buildReport(scan, deps.catalog, asOf, profiles);
        const burn = await deps.store.burndown("status", undefined, asOf);
        const history = burn.days.map((date, i) => ({ date, open: burn.open[i] ?? 0 }));
        const body = renderReport(report, params.format, { regimes: deps.catalog.regimes, history });
        return new Answer(body, 200, CONTENT_TYPES[params.format]);
      },
    }),
  ];
}
