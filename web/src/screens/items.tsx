import { type FormEvent, useState } from "react";
import { ITEM_STATES, type ItemRow, type Page } from "../api/types.js";
import { ErrorNote } from "../components/error-note.js";
import { ItemsTable, useItemRows } from "../components/items-table.js";
import { Pager, useTrail } from "../components/pager.js";
import { navigate } from "../components/router.js";
import { useSession } from "../components/session.js";
import { useAsync } from "../components/use-async.js";
import { currentCursor } from "../lib/pages.js";
import { can } from "../lib/roles.js";

const PAGE_SIZE = 50;
const TEXT_FILTERS = ["owner", "product", "site", "host"] as const;

/** The items list's filters from the address bar, as the API's query. */
function itemQuery(search: string): Record<string, string | undefined> {
  const p = new URLSearchParams(search);
  const state = p.get("state");
  return {
    state: state && (ITEM_STATES as readonly string[]).includes(state) ? state : undefined,
    overdue: p.get("overdue") === "true" ? "true" : undefined,
    ...Object.fromEntries(TEXT_FILTERS.map((k) => [k, p.get(k)?.trim() || undefined])),
  };
}

export function ItemsScreen({ search }: { search: string }) {
  const { api, role } = useSession();
  const [trail, setTrail] = useTrail(search);
  const cursor = currentCursor(trail);
  const state = useAsync(
    (signal) =>
      api.get<Page<ItemRow>>("/campaign/items", { ...itemQuery(search), cursor, limit: PAGE_SIZE }, signal),
    [api, search, cursor],
  );
  const { rows, replace } = useItemRows(state.data, state.data?.items);

  return (
    <>
      <h1>Work items</h1>
      {!can(role, "change") && (
        <p className="notice" data-testid="read-only">
          Your token's role ({role}) may read work items but not move them.
        </p>
      )}
      <ItemFilterForm key={search} search={search} />
      <ErrorNote error={state.error} />
      {state.data && (
        <>
          <ItemsTable items={rows} onChange={replace} />
          {rows.length === 0 && <p>No work item matches these filters.</p>}
          <Pager trail={trail} setTrail={setTrail} page={state.data} size={PAGE_SIZE} what="item" />
        </>
      )}
      {state.loading && !state.data && <p className="loading">Loading work items…</p>}
    </>
  );
}

function ItemFilterForm({ search }: { search: string }) {
  const initial = itemQuery(search);
  const [f, setF] = useState(initial);
  const set = (k: string) => (e: { target: { value: string } }) =>
    setF((prev) => ({ ...prev, [k]: e.target.value || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v?.trim()) p.set(k, v.trim());
    const s = p.toString();
    navigate(`/items${s ? `?${s}` : ""}`);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Work item filters">
      <label>
        State
        <select value={f.state ?? ""} onChange={set("state")} name="state">
          <option value="">any</option>
          {ITEM_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {TEXT_FILTERS.map((k) => (
        <label key={k}>
          {k[0]!.toUpperCase() + k.slice(1)}
          <input value={f[k] ?? ""} onChange={set(k)} name={k} />
        </label>
      ))}
      <label className="check">
        <input
          type="checkbox"
          checked={f.overdue === "true"}
          onChange={(e) => setF((prev) => ({ ...prev, overdue: e.target.checked ? "true" : undefined }))}
          name="overdue"
        />
        Overdue only
      </label>
      <div className="buttons">
        <button type="submit">Filter</button>
        <button type="button" className="quiet" onClick={() => navigate("/items")}>
          Clear
        </button>
      </div>
    </form>
  );
}
