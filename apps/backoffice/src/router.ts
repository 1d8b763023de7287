// History API routing inside /admin: path() is the part after /admin, navigate() pushes a new entry.
import { useEffect, useState } from 'preact/hooks';

const BASE = '/admin';
const listeners = new Set<() => void>();

export function currentPath(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return p === '' ? '/' : p;
}

export function navigate(to: string, replace = false) {
  const url = BASE + to;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const l of listeners) l();
}

export function useRoute(): { path: string; search: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((t) => t + 1);
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return { path: currentPath(), search: new URLSearchParams(location.search) };
}

export const href = (to: string) => BASE + to;

/** A click handler for in-app links: plain clicks navigate without reloading. */
export function linkClick(event: MouseEvent) {
  const a = (event.currentTarget as HTMLAnchorElement | null) ?? null;
  if (!a || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(a.pathname.slice(BASE.length) + a.search);
}
