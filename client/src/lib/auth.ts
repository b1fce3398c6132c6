import { signal } from '@preact/signals';
import { ApiError, api, setUnauthorizedHandler } from '../api/http.ts';
import type { User } from '../api/types.ts';

/** undefined while the first /me is in flight, null when logged out (or the server is unreachable). */
export const currentUser = signal<User | null | undefined>(undefined);

/**
 * Asks who is logged in. No answer, a timeout or a server error is asked again a few times (after
 * 0.5 s and 1 s) before the login form shows, so a slow or restarting server never leaves the page
 * on its loading mark; "not logged in" shows the form at once.
 */
export async function loadMe(attempts = 3): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      currentUser.value = (await api.me()).user;
      return;
    } catch (e) {
      const transient = e instanceof ApiError && (e.code === 'network' || e.code === 'timeout' || e.status >= 500);
      if (!transient || i >= attempts - 1) {
        currentUser.value = null;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** i));
    }
  }
}

setUnauthorizedHandler(() => {
  currentUser.value = null;
});
