import { useEffect, useState, type MouseEvent } from 'react';

/** Where the service serves the console (vite.config.mts `base`). */
export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

export type Route =
  { name: 'clients' } | { name: 'client'; id: string } | { name: 'deletions' } | { name: 'not-found' };

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  if (path === '' || path === '/' || path === '/clients') return { name: 'clients' };
  const client = /^\/clients\/([1-9][0-9]*)$/.exec(path);
  if (client) return { name: 'client', id: client[1] };
  if (path === '/deletions') return { name: 'deletions' };
  return { name: 'not-found' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'client':
      return `${BASE}/clients/${route.id}`;
    case 'deletions':
      return `${BASE}/deletions`;
    default:
      return `${BASE}/`;
  }
}

const NAVIGATED = 'console:navigated';

/** Goes to a route of the console without reloading the page. */
export function navigate(route: Route): void {
  window.history.pushState(null, '', hrefOf(route));
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current route, following links, back and forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return route;
}

/**
 * Props of an `<a>` that navigates inside the console: a plain link (it opens in a new tab with a
 * modifier key) that a click turns into a route change.
 */
export function linkTo(route: Route) {
  return {
    href: hrefOf(route),
    onClick: (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(route);
    },
  };
}
