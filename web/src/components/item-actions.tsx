import { type FormEvent, useState } from "react";
import { ApiFailure } from "../api/client.js";
import type { ItemRow } from "../api/types.js";
import { today } from "../lib/format.js";
import { isUnauthorized } from "../lib/roles.js";
import {
  ACTION_LABEL,
  type ActionForm,
  type ActionName,
  actionBody,
  allowedActions,
} from "../lib/transitions.js";
import { ErrorNote } from "./error-note.js";
import { useSession } from "./session.js";

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The moves this token's role may make on one item, each behind a small form. The item's version
 * goes with every move, so a move made on a stale view is refused (`conflict`) and the fresh item
 * is shown instead.
 */
export function ItemActions({ item, onChange }: { item: ItemRow; onChange(item: ItemRow): void }) {
  const { api, role, signOut } = useSession();
  const [open, setOpen] = useState<ActionName | null>(null);
  const [form, setForm] = useState<ActionForm>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const actions = allowedActions(item, role);
  if (actions.length === 0 && !error && !done) return null;

  const start = (a: ActionName) => {
    setOpen(a);
    setProblem(null);
    setError(undefined);
    setDone(null);
    setForm(a === "assign" ? { owner: item.owner ?? "", due: item.due ?? "" } : {});
  };
  const field = (k: keyof ActionForm) => ({
    value: form[k] ?? "",
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value })),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    const r = actionBody(open, form, item.version, today());
    if ("problem" in r) {
      setProblem(r.problem);
      return;
    }
    setBusy(true);
    setProblem(null);
    setError(undefined);
    try {
      const next = await api.post<ItemRow>(`/campaign/items/${item.id}/transitions`, r.body);
      setOpen(null);
      setDone(`${ACTION_LABEL[open]}: now ${next.state}.`);
      onChange(next);
    } catch (err) {
      setError(err);
      if (isUnauthorized(err)) signOut("The server no longer accepts this token. Sign in again.");
      if (err instanceof ApiFailure && err.code === "conflict") {
        // someone moved it first: show what it is now
        try {
          const fresh = await api.get<{ item: ItemRow }>(`/campaign/items/${item.id}`);
          onChange(fresh.item);
        } catch {
          // the error above already says what happened
        }
      }
    } finally {
      setBusy(false);
    }
  };

  const t = today();
  return (
    <div className="actions" data-testid="item-actions">
      <div className="buttons">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={open === a ? "on" : "quiet"}
            data-action={a}
            onClick={() => start(a)}
          >
            {ACTION_LABEL[a]}
          </button>
        ))}
      </div>
      {open && (
        <form
          className="action-form"
          onSubmit={submit}
          data-testid="action-form"
          aria-label={ACTION_LABEL[open]}
        >
          {open === "assign" && (
            <>
              <label>
                Owner
                <input {...field("owner")} name="owner" required maxLength={200} />
              </label>
              <label>
                Due
                <input type="date" {...field("due")} name="due" />
              </label>
            </>
          )}
          {open === "schedule" && (
            <>
              <label>
                Removal date
                <input type="date" {...field("date")} name="date" />
              </label>
              <label>
                Note
                <input {...field("note")} name="note" maxLength={2000} />
              </label>
            </>
          )}
          {open === "verify" && (
            <p>
              The server checks for evidence of absence: an inventory of the host taken after the product was
              last seen that no longer lists it, and no network indicator from the host since.
            </p>
          )}
          {open === "close" && (
            <label>
              Note
              <input {...field("note")} name="note" maxLength={2000} />
            </label>
          )}
          {(open === "waive" || open === "reopen") && (
            <label>
              Reason
              <input {...field("reason")} name="reason" required maxLength={2000} />
            </label>
          )}
          {open === "waive" && (
            <label>
              Expires on
              <input type="date" {...field("until")} name="until" min={addDays(t, 1)} required />
            </label>
          )}
          <div className="buttons">
            <button type="submit" disabled={busy}>
              {busy ? "Sending…" : ACTION_LABEL[open]}
            </button>
            <button type="button" className="quiet" onClick={() => setOpen(null)}>
              Cancel
            </button>
          </div>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
      <ErrorNote error={error} />
      {done && (
        <p className="done" role="status">
          {done}
        </p>
      )}
    </div>
  );
}
