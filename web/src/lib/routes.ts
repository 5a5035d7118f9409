/** The dashboard's screens by path; the server answers every one of them with index.html. */
export type Route =
  | { screen: "overview" }
  | { screen: "hosts" }
  | { screen: "host"; key: string }
  | { screen: "items" }
  | { screen: "upload" }
  | { screen: "reports" }
  | { screen: "missing"; path: string };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { screen: "overview" };
  if (path === "/hosts") return { screen: "hosts" };
  if (path.startsWith("/hosts/")) {
    const raw = path.slice("/hosts/".length);
    try {
      const key = decodeURIComponent(raw);
      if (key) return { screen: "host", key };
    } catch {
      // a malformed escape is a wrong address, not a crash
    }
    return { screen: "missing", path };
  }
  if (path === "/items") return { screen: "items" };
  if (path === "/upload") return { screen: "upload" };
  if (path === "/reports") return { screen: "reports" };
  return { screen: "missing", path };
}

/** A host's address: its key is data from an input file, so all of it is escaped. */
export function hostPath(key: string): string {
  return `/hosts/${encodeURIComponent(key)}`;
}
