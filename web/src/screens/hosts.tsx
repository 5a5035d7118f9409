import { type FormEvent, useState } from "react";
import { HOST_STATUSES, type HostRow, type Page } from "../api/types.js";
import { ErrorNote } from "../components/error-note.js";
import { Pager, useTrail } from "../components/pager.js";
import { Link, navigate } from "../components/router.js";
import { useSession } from "../components/session.js";
import { useAsync } from "../components/use-async.js";
import { instant } from "../lib/format.js";
import { filtersFromSearch, type HostFilters, hostQuery, searchFromFilters } from "../lib/host-filters.js";
import { currentCursor } from "../lib/pages.js";
import { hostPath } from "../lib/routes.js";

const PAGE_SIZE = 50;

export function HostsScreen({ search }: { search: string }) {
  const { api } = useSession();
  const filters = filtersFromSearch(search);
  const [trail, setTrail] = useTrail(search);
  const cursor = currentCursor(trail);
  const state = useAsync(
    (signal) =>
      api.get<Page<HostRow>>(
        "/hosts",
        { ...hostQuery(filtersFromSearch(search)), cursor, limit: PAGE_SIZE },
        signal,
      ),
    [api, search, cursor],
  );

  return (
    <>
      <h1>Hosts</h1>
      <HostFilterForm key={search} initial={filters} />
      <ErrorNote error={state.error} />
      {state.data && (
        <>
          <table data-testid="hosts">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Status</th>
                <th scope="col">Products</th>
                <th scope="col">Site</th>
                <th scope="col">Owner</th>
                <th scope="col" className="num">
                  Findings
                </th>
                <th scope="col" className="num">
                  Open items
                </th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {state.data.items.map((h) => (
                <tr key={h.key}>
                  <th scope="row">
                    <Link to={hostPath(h.key)}>{h.names[0] ?? h.key}</Link>
                    {h.kind === "asset" && <span className="tag">SBOM asset</span>}
                  </th>
                  <td>
                    <span className={`status status-${h.status}`}>{h.status}</span>
                  </td>
                  <td>{h.products.join(", ")}</td>
                  <td>{h.site ?? ""}</td>
                  <td>{h.owner ?? ""}</td>
                  <td className="num">{h.findings}</td>
                  <td className="num">{h.openItems}</td>
                  <td>{instant(h.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.data.items.length === 0 && <p>No host matches these filters.</p>}
          <Pager trail={trail} setTrail={setTrail} page={state.data} size={PAGE_SIZE} what="host" />
        </>
      )}
      {state.loading && !state.data && <p className="loading">Loading hosts…</p>}
    </>
  );
}

function HostFilterForm({ initial }: { initial: HostFilters }) {
  const [f, setF] = useState<HostFilters>(initial);
  const set = (k: keyof HostFilters) => (e: { target: { value: string } }) =>
    setF((prev) => ({ ...prev, [k]: e.target.value || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/hosts${searchFromFilters(f)}`);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Host filters">
      <label>
        Status
        <select value={f.status ?? ""} onChange={set("status")} name="status">
          <option value="">any</option>
          {HOST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Product
        <input value={f.product ?? ""} onChange={set("product")} name="product" placeholder="product id" />
      </label>
      <label>
        Site
        <input value={f.site ?? ""} onChange={set("site")} name="site" />
      </label>
      <label>
        Owner
        <input value={f.owner ?? ""} onChange={set("owner")} name="owner" />
      </label>
      <label>
        Last seen from
        <input type="date" value={f.seenFrom ?? ""} onChange={set("seenFrom")} name="seenFrom" />
      </label>
      <label>
        Last seen to
        <input type="date" value={f.seenTo ?? ""} onChange={set("seenTo")} name="seenTo" />
      </label>
      <label>
        Name starts with
        <input value={f.q ?? ""} onChange={set("q")} name="q" />
      </label>
      <div className="buttons">
        <button type="submit">Filter</button>
        <button type="button" className="quiet" onClick={() => navigate("/hosts")}>
          Clear
        </button>
      </div>
    </form>
  );
}
