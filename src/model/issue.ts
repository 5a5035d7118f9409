import { z } from "zod";

/**
 * A problem with the input, not an operational failure: bad records become issues with file and line
 * and the rest of the file is still read.
 */
export const InputIssue = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  record: z.number().int().positive().optional(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(["error", "warning", "info"]).default("error"),
});
export type InputIssue = z.infer<typeof InputIssue>;
