// HTTP shapes from the brief's API contract (H7 implements them). Socket events and the session
// view come from the server's shared events file; only types are imported so zod stays out of
// the bundle.
export type {
  Ack,
  AckError,
  ClientToServerEvents,
  ErrorCode,
  Meters,
  PatientMood,
  ServerToClientEvents,
  SessionView,
  TurnView,
} from '../../../server/realtime/events.ts';
export type { CodeHit, Language, PractitionerCode, TalkSubtype, TalkType } from '../../../server/rubric/schemas.ts';
export type { TranscriptProblem } from '../../../server/transcripts/transcript-problem.ts';

export type Role = 'student' | 'instructor' | 'reviewer' | 'admin';

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: 'nl' | 'en';
}

export interface Persona {
  name: string;
  age: number;
  gender: string;
  work: string;
  condition: string;
}

export interface ScenarioCard {
  id: string;
  language: 'nl' | 'en';
  title: string;
  summary: string;
  condition: string;
  difficulty: string;
  setting: string;
  referral: string;
  persona: Persona;
  targetBehaviour: string;
}

export interface SummaryScores {
  overall: number;
  reflectionToQuestion: number | null;
  percentComplexReflections: number | null;
  percentChangeTalk: number | null;
}

export interface SessionSummary {
  id: string;
  scenarioId: string;
  scenarioTitle: string;
  language: 'nl' | 'en';
  status: 'active' | 'ended';
  parentId: string | null;
  createdAt: string;
  endedAt: string | null;
  practitionerTurns: number;
  scores: SummaryScores | null;
}

export interface Alternative {
  turnIndex: number;
  original: string;
  alternative: string;
  why: string;
}

// Issue 5 (courses, dashboard, review, import): shapes from the server's schemas, types only.
export type {
  Course,
  CourseDetail,
  CourseSummary,
  Dashboard,
  Member,
  Assignment,
  MyAssignment,
} from '../../../server/routes/course-schemas.ts';
export type { Agreement, ReviewPayload, ReviewTurn, SharedSession } from '../../../server/routes/review-schemas.ts';
export type { Scores } from '../../../server/rubric/scores-schema.ts';
export interface Share {
  userId: string;
  name: string;
  email: string;
}
