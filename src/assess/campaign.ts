import { z } from "zod";
import type { Assessment, Finding } from "../model/finding.js";
import type { AbsenceVerdict } from "./campaign-evidence.js";

/**
 * The migration campaign: every finding of a covered product is a work item that moves
 * open → assigned → removal-scheduled → verified-absent → closed, or is waived for a while.
 * Pure rules: the store keeps the state and passes the clock and the evidence in.
 */
export const ItemState = z.enum([
  "open",
  "assigned",
  "removal-scheduled",
  "verified-absent",
  "closed",
  "waived",
]);
export type ItemState = z.infer<typeof ItemState>;
export const ITEM_STATES: readonly ItemState[] = ItemState.options;

/** Work still to do: what the burn-down counts down. */
export const ACTIVE_STATES: readonly ItemState[] = ["open", "assigned", "removal-scheduled"];
/** States that claim the product is gone, and so are reopened when it shows up again. */
export const GONE_STATES: readonly ItemState[] = ["verified-absent", "closed"];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2024-09-29");
const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "a date or an ISO 8601 instant");

/** What a person asks for; `verify` succeeds only with evidence of absence. */
export const ItemAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), owner: z.string().trim().min(1).max(200), due: day.optional() }),
  z.object({ action: z.literal("schedule"), date: day.optional(), note: z.string().max(2000).optional() }),
  z.object({ action: z.literal("verify") }),
  z.object({ action: z.literal("close"), note: z.string().max(2000).optional() }),
  z.object({ action: z.literal("waive"), reason: z.string().trim().min(1).max(2000), until: instant }),
  z.object({ action: z.literal("reopen"), reason: z.string().trim().min(1).max(2000) }),
]);
export type ItemAction = z.infer<typeof ItemAction>;
export type ActionName = ItemAction["action"];

/** The mutable part of an item, as the rules see it. */
export interface ItemSnapshot {
  state: ItemState;
  owner: string | null;
  due: string | null;
  defaultDue: string | null;
  scheduledFor: string | null;
  waiverReason: string | null;
  waivedBy: string | null;
  waiverUntil: string | null;
  note: string | null;
  verifiedAt: string | null;
  verifiedBy: number | null;
}

export interface TransitionContext {
  actor: string;
  now: Date;
  /** Evidence of absence for `verify`, judged by `judgeAbsence`. */
  absence?: AbsenceVerdict;
}

export type TransitionResult =
  | { ok: true; next: ItemSnapshot; reason: string | null }
  | { ok: false; code: "invalid-transition" | "needs-evidence" | "bad-request"; message: string };

/** Which states each action may start from. */
const FROM: Record<ActionName, readonly ItemState[]> = {
  assign: ["open", "assigned", "removal-scheduled"],
  schedule: ["assigned", "removal-scheduled"],
  verify: ["open", "assigned", "removal-scheduled"],
  close: ["verified-absent"],
  waive: ["open", "assigned", "removal-scheduled"],
  reopen: ["waived", "verified-absent", "closed"],
};

const TO: Record<ActionName, ItemState> = {
  assign: "assigned",
  schedule: "removal-scheduled",
  verify: "verified-absent",
  close: "closed",
  waive: "waived",
  reopen: "open",
};

const clearWaiver = { waiverReason: null, waivedBy: null, waiverUntil: null };

export function transition(item: ItemSnapshot, action: ItemAction, ctx: TransitionContext): TransitionResult {
  if (!FROM[action.action].includes(item.state)) {
    return {
      ok: false,
      code: "invalid-transition",
      message: `cannot ${action.action} an item that is ${item.state} (allowed from ${FROM[action.action].join(", ")})`,
    };
  }
  const to = TO[action.action];
  switch (action.action) {
    case "assign":
      return {
        ok: true,
        next: { ...item, state: to, owner: action.owner, due: action.due ?? item.due ?? item.defaultDue },
        reason: null,
      };
    case "schedule":
      if (!item.owner) return { ok: false, code: "invalid-transition", message: "assign an owner first" };
      return {
        ok: true,
        next: { ...item, state: to, scheduledFor: action.date ?? null, note: action.note ?? item.note },
        reason: action.note ?? null,
      };
    case "verify": {
      const verdict = ctx.absence;
      if (!verdict?.verified) {
        return {
          ok: false,
          code: "needs-evidence",
          message: `not verified: ${verdict ? verdict.reason : "no evidence of absence was given"}`,
        };
      }
      return {
        ok: true,
        next: { ...item, state: to, verifiedAt: verdict.observedAt, verifiedBy: verdict.inputId },
        reason: verdict.basis,
      };
    }
    case "close":
      return {
        ok: true,
        next: { ...item, state: to, note: action.note ?? item.note },
        reason: action.note ?? null,
      };
    case "waive": {
      const until = new Date(action.until);
      if (until.getTime() <= ctx.now.getTime()) {
        return { ok: false, code: "bad-request", message: "a waiver must expire in the future" };
      }
      return {
        ok: true,
        next: {
          ...item,
          state: to,
          waiverReason: action.reason,
          waivedBy: ctx.actor,
          waiverUntil: until.toISOString(),
        },
        reason: action.reason,
      };
    }
    case "reopen":
      return { ok: true, next: reopened(item, action.reason), reason: action.reason };
  }
}

/** Back to `open`, keeping the owner and due date so the person who had it sees it again. */
export function reopened(item: ItemSnapshot, reason: string): ItemSnapshot {
  return { ...item, ...clearWaiver, state: "open", note: reason, verifiedAt: null, verifiedBy: null };
}

/** A waiver ends by itself: the item is open again from the moment the waiver ran out. */
export function waiverExpired(item: ItemSnapshot, now: Date): boolean {
  return (
    item.state === "waived" && item.waiverUntil !== null && Date.parse(item.waiverUntil) <= now.getTime()
  );
}

/** Findings that become work items: covered products, still (or possibly still) there. */
export function isWorkItem(finding: Pick<Finding, "scope" | "class">): boolean {
  return finding.scope === "covered" && finding.class !== "historical";
}

/** The earliest deadline among the assessments of the chosen profiles, as a date. */
export function defaultDue(assessments: readonly Assessment[]): string | null {
  const dates = assessments
    .map((a) => a.deadline?.slice(0, 10))
    .filter((d): d is string => d !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  return dates[0] ?? null;
}
