import { useCallback, useEffect, useMemo, useState } from "react";
import { Api } from "./api/client.js";
import type { Role } from "./api/types.js";
import { Link, useLocation } from "./components/router.js";
import { type Session, SessionContext, tokenStore, useSession } from "./components/session.js";
import { can, detectRole, isUnauthorized } from "./lib/roles.js";
import { matchRoute } from "./lib/routes.js";
import { HostDetailScreen } from "./screens/host-detail.js";
import { HostsScreen } from "./screens/hosts.js";
import { ItemsScreen } from "./screens/items.js";
import { OverviewScreen } from "./screens/overview.js";
import { ReportsScreen } from "./screens/reports.js";
import { SignInScreen } from "./screens/sign-in.js";
import { UploadScreen } from "./screens/upload.js";

interface Signed {
  token: string;
  role: Role;
}

export function App() {
  const [signed, setSigned] = useState<Signed | null>(null);
  const [checking, setChecking] = useState(() => tokenStore.read() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((reason?: string) => {
    tokenStore.clear();
    setSigned(null);
    setNotice(reason ?? null);
  }, []);

  // a reload keeps the tab's token: ask the server again what it may do
  useEffect(() => {
    const token = tokenStore.read();
    if (!token) return;
    const api = new Api(token);
    detectRole((p) => api.get(p))
      .then((role) => setSigned({ token, role }))
      .catch((e: unknown) => {
        tokenStore.clear();
        setNotice(isUnauthorized(e) ? "The server no longer accepts the saved token. Sign in again." : null);
      })
      .finally(() => setChecking(false));
  }, []);

  const session = useMemo<Session | null>(
    () => (signed ? { api: new Api(signed.token), role: signed.role, signOut } : null),
    [signed, signOut],
  );

  if (checking) return <p className="loading">Checking the saved token…</p>;
  if (!session) {
    return (
      <SignInScreen
        notice={notice}
        onSignedIn={(token, role) => {
          tokenStore.write(token);
          setNotice(null);
          setSigned({ token, role });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}

function Shell() {
  const session = useSession();
  const loc = useLocation();
  const route = matchRoute(loc.pathname);
  return (
    <>
      <header className="top">
        <span className="brand">offramp</span>
        <nav aria-label="Screens">
          {can(session.role, "read") && (
            <>
              <Link to="/" current={route.screen === "overview"}>
                Overview
              </Link>
              <Link to="/hosts" current={route.screen === "hosts" || route.screen === "host"}>
                Hosts
              </Link>
              <Link to="/items" current={route.screen === "items"}>
                Work items
              </Link>
            </>
          )}
          {can(session.role, "upload") && (
            <Link to="/upload" current={route.screen === "upload"}>
              Upload
            </Link>
          )}
          {can(session.role, "read") && (
            <Link to="/reports" current={route.screen === "reports"}>
              Reports
            </Link>
          )}
        </nav>
        <span className="who" data-testid="role">
          {session.role}
        </span>
        <button type="button" className="quiet" onClick={() => session.signOut()}>
          Sign out
        </button>
      </header>
      <main>
        <Screen route={route} role={session.role} search={loc.search} />
      </main>
    </>
  );
}

function Screen({
  route,
  role,
  search,
}: {
  route: ReturnType<typeof matchRoute>;
  role: Role;
  search: string;
}) {
  if (route.screen === "upload") return <UploadScreen />;
  if (route.screen === "missing") {
    return (
      <section>
        <h1>Not found</h1>
        <p>There is no screen at this address.</p>
      </section>
    );
  }
  if (!can(role, "read")) {
    return (
      <section>
        <h1>Upload only</h1>
        <p>
          This token has the <strong>{role}</strong> role: it may upload inputs but not read the workspace.{" "}
          <Link to="/upload">Upload an input</Link>.
        </p>
      </section>
    );
  }
  switch (route.screen) {
    case "overview":
      return <OverviewScreen />;
    case "hosts":
      return <HostsScreen search={search} />;
    case "host":
      return <HostDetailScreen hostKey={route.key} />;
    case "items":
      return <ItemsScreen search={search} />;
    case "reports":
      return <ReportsScreen />;
  }
}
