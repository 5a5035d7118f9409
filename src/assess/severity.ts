import { type Assessment, AssessmentStatus } from "../model/finding.js";

/** From most to least pressing (the order the model declares them in); reports sort and colour by it. */
export const STATUS_ORDER: readonly AssessmentStatus[] = AssessmentStatus.options;

export function statusRank(status: AssessmentStatus): number {
  return STATUS_ORDER.indexOf(status);
}

/** The most pressing status among a finding's assessments, or undefined when no regime speaks to it. */
export function overallStatus(assessments: readonly Assessment[]): AssessmentStatus | undefined {
  let best: AssessmentStatus | undefined;
  for (const a of assessments)
    if (best === undefined || statusRank(a.status) < statusRank(best)) best = a.status;
  return best;
}
