import { signal } from '@preact/signals';
import { api, setUnauthorizedHandler } from '../api/http.ts';
import type { User } from '../api/types.ts';

/** undefined while the first /me is in flight, null when logged out (or the server is unreachable). */
export const currentUser = signal<User | null | undefined>(undefined);

export async function loadMe(): Promise<void> {
  try {
    currentUser.value = (await api.me()).user;
  } catch {
    currentUser.value = null;
  }
}

setUnauthorizedHandler(() => {
  currentUser.value = null;
});
