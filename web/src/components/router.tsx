import { type MouseEvent, type ReactNode, useEffect, useState } from "react";

const CHANGE = "offramp:navigate";

/** Moves to another screen without a page load; the address bar holds paths and filters, never the token. */
export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event(CHANGE));
}

const read = () => ({ pathname: location.pathname, search: location.search });

export function useLocation(): { pathname: string; search: string } {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener("popstate", update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return loc;
}

export function Link(props: {
  to: string;
  children: ReactNode;
  className?: string;
  testId?: string;
  /** Marks the link as the screen being shown (navigation bars). */
  current?: boolean;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    // let the browser open new tabs and windows itself
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.to);
    window.scrollTo(0, 0);
  };
  return (
    <a
      href={props.to}
      onClick={onClick}
      className={props.className}
      data-testid={props.testId}
      aria-current={props.current ? "page" : undefined}
    >
      {props.children}
    </a>
  );
}
