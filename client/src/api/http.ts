import type { Alternative, ScenarioCard, SessionSummary, SessionView, User } from './types.ts';
import type { ReportScores } from '../lib/report-scores.ts';

/** An error from the API with its stable code (see the contract), or 'network'. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let onUnauthorized: (() => void) | null = null;
/** Called when a request other than login/me comes back 401 (the session expired). */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network', 'network error', 0);
  }
  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    // A non-JSON body (e.g. a proxy error page): report it by status below.
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
    throw new ApiError(err?.code ?? (res.status >= 500 ? 'internal' : 'bad_request'), err?.message ?? res.statusText, res.status);
  }
  return data as T;
}

export interface Report {
  session: SessionView;
  scores: ReportScores;
  alternatives: Alternative[];
}

export const api = {
  me: () => request<{ user: User }>('GET', '/api/auth/me'),
  signup: (body: { name: string; email: string; password: string; locale?: 'nl' | 'en' }) =>
    request<{ user: User }>('POST', '/api/auth/signup', body),
  login: (body: { email: string; password: string }) => request<{ user: User }>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout'),
  scenarios: (language?: 'nl' | 'en') =>
    request<{ scenarios: ScenarioCard[] }>('GET', `/api/scenarios${language ? `?language=${language}` : ''}`),
  scenario: (id: string) => request<ScenarioCard>('GET', `/api/scenarios/${encodeURIComponent(id)}`),
  sessions: () => request<{ sessions: SessionSummary[] }>('GET', '/api/sessions'),
  session: (id: string) => request<SessionView>('GET', `/api/sessions/${encodeURIComponent(id)}`),
  report: (id: string) => request<Report>('GET', `/api/sessions/${encodeURIComponent(id)}/report`),
};
