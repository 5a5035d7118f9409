import { z } from "zod";

/** Query-string building blocks shared by the routes. */
export const limit = (max = 500, dflt = 50) => z.coerce.number().int().min(1).max(max).default(dflt);
export const cursor = z.string().max(2000).optional();
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2024-09-29");
export const instant = z
  .string()
  .max(64)
  .refine((v) => !Number.isNaN(Date.parse(v)), "a date or an ISO 8601 instant");
export const flag = z.enum(["true", "false"]).transform((v) => v === "true");
export const text = (max = 200) => z.string().trim().min(1).max(max);
export const noParams = z.object({});
