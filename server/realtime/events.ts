import { z } from 'zod';
import { CodedTurnSchema, LanguageSchema } from '../rubric/schemas.ts';

// Every socket.io event, typed once and shared by the server and the client (`domain:verb`
// commands from the client, past-tense broadcasts from the server). Handlers validate the
// payload with these schemas first and always ack `{ ok: true, data } | { ok: false, error }`.
// Only the codes in ErrorCodeSchema ever reach a browser.

export const ErrorCodeSchema = z.enum([
  'bad_request', // payload failed validation
  'unauthorized', // not logged in
  'forbidden', // logged in, not allowed
  'not_found',
  'rate_limited',
  'conflict', // e.g. session already ended
  'unavailable', // storage or another dependency is down; nothing was lost, try again
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const AckErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type AckError = z.infer<typeof AckErrorSchema>;
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

/** Live figures shown while chatting; null until they can be computed. */
export const MetersSchema = z.object({
  reflectionToQuestion: z.number().nullable(),
  percentComplexReflections: z.number().nullable(),
  percentChangeTalk: z.number().nullable(),
  practitionerTurns: z.number().int(),
});
export type Meters = z.infer<typeof MetersSchema>;

/** What the student may see of the patient's state: the tone, honestly, not the numbers. */
export const PatientMoodSchema = z.object({
  tone: z.enum(['open', 'neutral', 'guarded', 'irritated']),
  discord: z.boolean(),
});
export type PatientMood = z.infer<typeof PatientMoodSchema>;

/** A stored turn as the client sees it. */
export const TurnViewSchema = CodedTurnSchema.extend({
  id: z.string(),
  sessionId: z.string(),
  createdAt: z.string(),
  /** Patient turns: which voice spoke (offline lines, the LLM, or offline after an LLM failure). */
  voice: z.enum(['offline', 'llm', 'offline-fallback']).nullable(),
  mood: PatientMoodSchema.nullable(),
  /** Patient turns: the practitioner turn index that drew out this change talk, if any. */
  drawnOutBy: z.number().int().nullable(),
  /** Practitioner turns written in the other language than the session's (the patient and the coding follow the session's). */
  otherLanguage: LanguageSchema.nullable(),
});
export type TurnView = z.infer<typeof TurnViewSchema>;

export const SessionStatusSchema = z.enum(['active', 'ended']);

export const SessionViewSchema = z.object({
  id: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  language: LanguageSchema,
  status: SessionStatusSchema,
  /** Set when this session is a "retry from here" branch of another. */
  parentId: z.string().nullable(),
  branchedAtTurn: z.number().int().nullable(),
  voice: z.enum(['offline', 'llm']),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  turns: z.array(TurnViewSchema),
  meters: MetersSchema,
  mood: PatientMoodSchema,
});
export type SessionView = z.infer<typeof SessionViewSchema>;

// ---- client → server commands ----

export const SessionStartSchema = z
  .object({
    /** Required unless assignmentId is given. */
    scenarioId: z.string().min(1).max(100).optional(),
    /** LLM voice only takes effect when the server has an LLM configured. */
    voice: z.enum(['offline', 'llm']).optional(),
    /** Practise for a course assignment: the assignment's scenario and voice win over the fields above. */
    assignmentId: z.string().min(1).max(100).optional(),
  })
  .refine((p) => p.scenarioId !== undefined || p.assignmentId !== undefined, { path: ['scenarioId'], message: 'scenarioId or assignmentId is required' });
export const SessionJoinSchema = z.object({ sessionId: z.string().min(1).max(100) });
export const TurnSendSchema = z.object({
  sessionId: z.string().min(1).max(100),
  text: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'empty turn').max(2000, 'at most 2,000 characters')),
  /** Idempotency key from the client: a resend after a lost ack stores nothing twice. */
  clientTurnId: z.string().min(1).max(100),
});
export const SessionEndSchema = z.object({ sessionId: z.string().min(1).max(100) });
export const SessionBranchSchema = z.object({
  sessionId: z.string().min(1).max(100),
  /** Index of the practitioner turn to redo: the branch keeps everything before it. */
  atTurn: z.number().int().min(0),
});

export const TurnSentSchema = z.object({ turn: TurnViewSchema, meters: MetersSchema });

// ---- server → client broadcasts (to the session's room) ----

export const PatientTypingSchema = z.object({ sessionId: z.string() });
export const PatientDeltaSchema = z.object({ sessionId: z.string(), delta: z.string() });
export const PatientRepliedSchema = z.object({
  sessionId: z.string(),
  turn: TurnViewSchema,
  meters: MetersSchema,
  mood: PatientMoodSchema,
});

export interface ClientToServerEvents {
  'session:start': (payload: z.input<typeof SessionStartSchema>, ack: (res: Ack<SessionView>) => void) => void;
  'session:join': (payload: z.input<typeof SessionJoinSchema>, ack: (res: Ack<SessionView>) => void) => void;
  'turn:send': (
    payload: z.input<typeof TurnSendSchema>,
    ack: (res: Ack<z.infer<typeof TurnSentSchema>>) => void,
  ) => void;
  'session:end': (payload: z.input<typeof SessionEndSchema>, ack: (res: Ack<SessionView>) => void) => void;
  'session:branch': (payload: z.input<typeof SessionBranchSchema>, ack: (res: Ack<SessionView>) => void) => void;
}

export interface ServerToClientEvents {
  'patient:typing': (payload: z.infer<typeof PatientTypingSchema>) => void;
  'patient:delta': (payload: z.infer<typeof PatientDeltaSchema>) => void;
  'patient:replied': (payload: z.infer<typeof PatientRepliedSchema>) => void;
}
