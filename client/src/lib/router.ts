import { signal } from '@preact/signals';

// Hash routes keep the server simple (it serves one index.html) and survive reloads.
export type Route =
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'scenarios' }
  | { name: 'chat'; id: string }
  | { name: 'report'; id: string }
  | { name: 'sessions' }
  | { name: 'courses' }
  | { name: 'course'; id: string }
  | { name: 'dashboard'; id: string }
  | { name: 'join'; id: string }
  | { name: 'review'; id: string }
  | { name: 'print'; id: string }
  | { name: 'shared' }
  | { name: 'agreement' }
  | { name: 'accounts' }
  | { name: 'import' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'login':
      return { name: 'login' };
    case 'signup':
      return { name: 'signup' };
    case 'chat':
      return parts[1] ? { name: 'chat', id: parts[1] } : { name: 'scenarios' };
    case 'report':
      return parts[1] ? { name: 'report', id: parts[1] } : { name: 'sessions' };
    case 'sessions':
      return { name: 'sessions' };
    case 'courses':
    case 'shared':
    case 'agreement':
    case 'accounts':
    case 'import':
      return { name: parts[0] };
    case 'course':
    case 'dashboard':
    case 'join':
    case 'review':
    case 'print':
      return parts[1] ? { name: parts[0], id: parts[1] } : { name: 'courses' };
    default:
      return { name: 'scenarios' };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'chat':
    case 'report':
    case 'course':
    case 'dashboard':
    case 'join':
    case 'review':
    case 'print':
      return `#/${route.name}/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.name}`;
  }
}

export const route = signal<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => {
  route.value = parseRoute(location.hash);
});

export function navigate(to: Route): void {
  const h = href(to);
  if (location.hash === h) route.value = parseRoute(h);
  else location.hash = h;
}
