import { describe, expect, it } from "vitest";
import {
  defaultDue,
  ItemAction,
  type ItemSnapshot,
  isWorkItem,
  reopened,
  transition,
  waiverExpired,
} from "./campaign.js";

const base: ItemSnapshot = {
  state: "open",
  owner: null,
  due: null,
  defaultDue: "2024-09-29",
  scheduledFor: null,
  waiverReason: null,
  waivedBy: null,
  waiverUntil: null,
  note: null,
  verifiedAt: null,
  verifiedBy: null,
};
const now = new Date("2024-10-01T00:00:00Z");
const ctx = { actor: "ana", now };

describe("campaign transitions", () => {
  it("assigns with the default due date from the assessments when none is given", () => {
    const r = transition(base, { action: "assign", owner: "ops" }, ctx);
    expect(r.ok && [r.next.state, r.next.owner, r.next.due]).toEqual(["assigned", "ops", "2024-09-29"]);
  });

  it("schedules removal only once someone owns the item", () => {
    expect(transition(base, { action: "schedule" }, ctx)).toMatchObject({
      ok: false,
      code: "invalid-transition",
    });
    const assigned = { ...base, state: "assigned" as const, owner: "ops" };
    const r = transition(assigned, { action: "schedule", date: "2024-10-05" }, ctx);
    expect(r.ok && [r.next.state, r.next.scheduledFor]).toEqual(["removal-scheduled", "2024-10-05"]);
  });

  it("verifies only with evidence of absence", () => {
    expect(transition(base, { action: "verify" }, ctx)).toMatchObject({ ok: false, code: "needs-evidence" });
    const denied = transition(
      base,
      { action: "verify" },
      { ...ctx, absence: { verified: false, reason: "no inventory" } },
    );
    expect(denied).toMatchObject({
      ok: false,
      code: "needs-evidence",
      message: "not verified: no inventory",
    });
    const r = transition(
      base,
      { action: "verify" },
      { ...ctx, absence: { verified: true, inputId: 7, observedAt: "2024-10-01T00:00:00.000Z", basis: "b" } },
    );
    expect(r.ok && [r.next.state, r.next.verifiedBy, r.reason]).toEqual(["verified-absent", 7, "b"]);
  });

  it("closes only what was verified absent", () => {
    expect(transition(base, { action: "close" }, ctx)).toMatchObject({
      ok: false,
      code: "invalid-transition",
    });
    const r = transition({ ...base, state: "verified-absent" }, { action: "close" }, ctx);
    expect(r.ok && r.next.state).toBe("closed");
  });

  it("waives with reason, who and an expiry in the future; the waiver then runs out", () => {
    expect(transition(base, { action: "waive", reason: "r", until: "2024-09-01" }, ctx)).toMatchObject({
      ok: false,
      code: "bad-request",
    });
    const r = transition(base, { action: "waive", reason: "lab", until: "2024-10-02" }, ctx);
    if (!r.ok) throw new Error(r.message);
    expect([r.next.state, r.next.waiverReason, r.next.waivedBy, r.next.waiverUntil]).toEqual([
      "waived",
      "lab",
      "ana",
      "2024-10-02T00:00:00.000Z",
    ]);
    expect(waiverExpired(r.next, new Date("2024-10-01T23:59:59Z"))).toBe(false);
    expect(waiverExpired(r.next, new Date("2024-10-02T00:00:00Z"))).toBe(true);
    const back = reopened(r.next, "expired");
    expect([back.state, back.waiverReason, back.note]).toEqual(["open", null, "expired"]);
  });

  it("rejects actions from states they do not start from", () => {
    const closed = { ...base, state: "closed" as const };
    for (const a of ["assign", "schedule", "verify", "close", "waive"] as const) {
      const action = ItemAction.parse(
        a === "assign"
          ? { action: a, owner: "x" }
          : a === "waive"
            ? { action: a, reason: "r", until: "2030-01-01" }
            : { action: a },
      );
      expect(transition(closed, action, ctx).ok).toBe(false);
    }
    expect(transition(closed, { action: "reopen", reason: "doubt" }, ctx).ok).toBe(true);
  });

  it("validates actions at the edge", () => {
    expect(ItemAction.safeParse({ action: "assign", owner: " " }).success).toBe(false);
    expect(ItemAction.safeParse({ action: "waive", reason: "r", until: "soon" }).success).toBe(false);
    expect(ItemAction.safeParse({ action: "explode" }).success).toBe(false);
  });

  it("makes work items of covered findings still there, and takes the earliest deadline", () => {
    expect(isWorkItem({ scope: "covered", class: "installed" })).toBe(true);
    expect(isWorkItem({ scope: "covered", class: "network" })).toBe(true);
    expect(isWorkItem({ scope: "covered", class: "historical" })).toBe(false);
    expect(isWorkItem({ scope: "exempt", class: "installed" })).toBe(false);
    const a = (deadline?: string) => ({
      regime: "r",
      profile: "p",
      status: "must-remove" as const,
      obligation: "o",
      citation: "c",
      ...(deadline && { deadline }),
    });
    expect(defaultDue([a("2024-12-01T05:00:00Z"), a(), a("2024-09-29T04:00:00Z")])).toBe("2024-09-29");
    expect(defaultDue([a()])).toBeNull();
  });
});
