import type {
  Agreement,
  Alternative,
  Assignment,
  CourseDetail,
  CourseSummary,
  Dashboard,
  Member,
  MyAssignment,
  ReviewPayload,
  ScenarioCard,
  SessionSummary,
  SessionView,
  Share,
  SharedSession,
  TranscriptProblem,
  User,
} from './types.ts';
import type { ReportScores } from '../lib/report-scores.ts';

/** An error from the API with its stable code (see the contract), or 'network'. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** The offending line of an import, when the server names one. */
    readonly line: number | null = null,
    /** What is wrong with an imported file, for a message in the reader's language. */
    readonly problem: TranscriptProblem | null = null,
  ) {
    super(message);
  }
}

let onUnauthorized: (() => void) | null = null;
/** Called when a request other than login/me comes back 401 (the session expired). */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

/** How long the first question the page asks (who is logged in?) may take before it is asked again. */
const ME_TIMEOUT_MS = 10_000;

async function request<T>(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) throw new ApiError('timeout', 'no answer in time', 0);
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
    const extra = err as { line?: number | null; problem?: TranscriptProblem } | undefined;
    throw new ApiError(err?.code ?? (res.status >= 500 ? 'internal' : 'bad_request'), err?.message ?? res.statusText, res.status, extra?.line ?? null, extra?.problem ?? null);
  }
  return data as T;
}

export interface Report {
  session: SessionView;
  scores: ReportScores;
  alternatives: Alternative[];
}

export const api = {
  me: () => request<{ user: User }>('GET', '/api/auth/me', undefined, ME_TIMEOUT_MS),
  signup: (body: { name: string; email: string; password: string; locale?: 'nl' | 'en' }) =>
    request<{ user: User }>('POST', '/api/auth/signup', body),
  login: (body: { email: string; password: string }) => request<{ user: User }>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout'),
  scenarios: (language?: 'nl' | 'en') =>
    request<{ scenarios: ScenarioCard[]; voices: ('offline' | 'llm')[] }>('GET', `/api/scenarios${language ? `?language=${language}` : ''}`),
  scenario: (id: string) => request<ScenarioCard>('GET', `/api/scenarios/${encodeURIComponent(id)}`),
  sessions: () => request<{ sessions: SessionSummary[] }>('GET', '/api/sessions'),
  session: (id: string) => request<SessionView>('GET', `/api/sessions/${encodeURIComponent(id)}`),
  report: (id: string) => request<Report>('GET', `/api/sessions/${encodeURIComponent(id)}/report`),
  courses: () => request<{ courses: CourseSummary[] }>('GET', '/api/courses'),
  createCourse: (body: { name: string; description?: string }) => request<{ course: CourseSummary }>('POST', '/api/courses', body),
  course: (id: string) => request<CourseDetail>('GET', `/api/courses/${enc(id)}`),
  joinCourse: (code: string) => request<{ course: CourseSummary }>('POST', '/api/courses/join', { code }),
  addInstructor: (id: string, email: string) =>
    request<{ instructors: Member[] }>('POST', `/api/courses/${enc(id)}/instructors`, { email }),
  createAssignment: (courseId: string, body: AssignmentInput) =>
    request<{ assignment: Assignment }>('POST', `/api/courses/${enc(courseId)}/assignments`, body),
  updateAssignment: (id: string, body: AssignmentInput) => request<{ assignment: Assignment }>('PATCH', `/api/assignments/${enc(id)}`, body),
  deleteAssignment: (id: string) => request<void>('DELETE', `/api/assignments/${enc(id)}`),
  myAssignments: () => request<{ assignments: MyAssignment[] }>('GET', '/api/assignments'),
  dashboard: (courseId: string) => request<Dashboard>('GET', `/api/courses/${enc(courseId)}/dashboard`),
  review: (id: string) => request<ReviewPayload>('GET', `/api/sessions/${enc(id)}/review`),
  override: (id: string, index: number, body: OverrideInput) =>
    request<ReviewPayload>('PUT', `/api/sessions/${enc(id)}/turns/${index}/override`, body),
  comment: (id: string, index: number, text: string) =>
    request<{ comment: unknown }>('POST', `/api/sessions/${enc(id)}/turns/${index}/comments`, { text }),
  shares: (id: string) => request<{ shares: Share[] }>('GET', `/api/sessions/${enc(id)}/shares`),
  share: (id: string, email: string) => request<{ shares: Share[] }>('POST', `/api/sessions/${enc(id)}/shares`, { email }),
  unshare: (id: string, userId: string) => request<void>('DELETE', `/api/sessions/${enc(id)}/shares/${enc(userId)}`),
  shared: () => request<{ sessions: SharedSession[] }>('GET', '/api/shared'),
  agreement: () => request<Agreement>('GET', '/api/review/agreement'),
  users: () => request<{ users: User[] }>('GET', '/api/admin/users'),
  setRole: (id: string, role: User['role']) => request<{ user: User }>('PATCH', `/api/admin/users/${enc(id)}`, { role }),
  importTranscript: (body: { filename: string; content: string; language?: 'nl' | 'en' | 'auto'; title?: string }) =>
    request<{ sessions: SessionSummary[] }>('POST', '/api/imports', body),
};

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** Download URLs (plain links, so the browser saves the file with the server's name). */
export const downloads = {
  dashboardCsv: (courseId: string) => `/api/courses/${enc(courseId)}/dashboard.csv`,
  overridesCsv: () => '/api/review/overrides.csv',
  sessionCsv: (id: string) => `/api/sessions/${enc(id)}/export.csv`,
  sessionJson: (id: string) => `/api/sessions/${enc(id)}/export.json`,
};

export interface AssignmentInput {
  scenarioId: string;
  title?: string;
  dueAt: string;
  minTurns: number;
  language: 'nl' | 'en';
  voice: 'offline' | 'llm';
  targets: { rq?: number; pctComplex?: number; pctChange?: number };
}

export interface OverrideInput {
  primary?: string;
  talk?: 'change' | 'sustain' | 'neutral';
  talkSubtype?: string | null;
  note?: string;
  clear?: boolean;
}
