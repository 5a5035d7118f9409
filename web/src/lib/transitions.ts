import type { ItemRow, ItemState, Role } from "../api/types.js";
import { can } from "./roles.js";

export const ACTIONS = ["assign", "schedule", "verify", "close", "waive", "reopen"] as const;
export type ActionName = (typeof ACTIONS)[number];

/**
 * The states each action may start from, as the campaign rules have them (src/assess/campaign.ts).
 * The API does not list an item's possible moves, so the dashboard offers these and the server
 * still has the last word: a refused move comes back as `invalid-transition` and is shown.
 */
export const FROM: Record<ActionName, readonly ItemState[]> = {
  assign: ["open", "assigned", "removal-scheduled"],
  schedule: ["assigned", "removal-scheduled"],
  verify: ["open", "assigned", "removal-scheduled"],
  close: ["verified-absent"],
  waive: ["open", "assigned", "removal-scheduled"],
  reopen: ["waived", "verified-absent", "closed"],
};

export const ACTION_LABEL: Record<ActionName, string> = {
  assign: "Assign",
  schedule: "Schedule removal",
  verify: "Verify absent",
  close: "Close",
  waive: "Waive",
  reopen: "Reopen",
};

/** The moves a token of this role may make on this item now; none for roles that may not change items. */
export function allowedActions(item: Pick<ItemRow, "state" | "owner">, role: Role): ActionName[] {
  if (!can(role, "change")) return [];
  return ACTIONS.filter((a) => FROM[a].includes(item.state) && (a !== "schedule" || item.owner !== null));
}

/** What the forms collect; each action reads the fields it needs. */
export interface ActionForm {
  owner?: string;
  due?: string;
  date?: string;
  note?: string;
  reason?: string;
  until?: string;
}

export type ActionBody = { action: ActionName; version: number } & Record<string, string | number>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The request body for a move, or the reason it cannot be sent yet. `version` makes the server
 * refuse the move (`conflict`) if someone else moved the item first. `today` is YYYY-MM-DD (UTC).
 */
export function actionBody(
  action: ActionName,
  form: ActionForm,
  version: number,
  today: string,
): { body: ActionBody } | { problem: string } {
  const text = (v: string | undefined) => (v ?? "").trim();
  const base = { action, version };
  switch (action) {
    case "assign": {
      const owner = text(form.owner);
      if (!owner) return { problem: "Name an owner." };
      const due = text(form.due);
      if (due && !DAY.test(due)) return { problem: "The due date must be a date." };
      return { body: { ...base, owner, ...(due && { due }) } };
    }
    case "schedule": {
      const date = text(form.date);
      if (date && !DAY.test(date)) return { problem: "The removal date must be a date." };
      const note = text(form.note);
      return { body: { ...base, ...(date && { date }), ...(note && { note }) } };
    }
    case "verify":
      return { body: base };
    case "close": {
      const note = text(form.note);
      return { body: { ...base, ...(note && { note }) } };
    }
    case "waive": {
      const reason = text(form.reason);
      if (!reason) return { problem: "Give the reason for the waiver." };
      const until = text(form.until);
      if (!DAY.test(until)) return { problem: "Choose the date the waiver expires." };
      if (until <= today) return { problem: "A waiver must expire after today." };
      return { body: { ...base, reason, until } };
    }
    case "reopen": {
      const reason = text(form.reason);
      if (!reason) return { problem: "Give the reason for reopening." };
      return { body: { ...base, reason } };
    }
  }
}
