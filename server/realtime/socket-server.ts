import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { AuthService } from '../services/auth-service.ts';
import { SESSION_COOKIE } from '../services/auth-service.ts';
import { AppError } from '../services/app-error.ts';
import type { CourseService } from '../services/course-service.ts';
import type { PracticeService } from '../services/practice-service.ts';
import type { User } from '../store/index.ts';
import {
  ErrorCodeSchema,
  SessionBranchSchema,
  SessionEndSchema,
  SessionJoinSchema,
  SessionStartSchema,
  TurnSendSchema,
  type Ack,
  type AckError,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from './events.ts';
import { isUnavailable } from './unavailable.ts';

// socket.io on the app's HTTP server. The handshake must carry a valid kier_session cookie; every
// handler validates its payload first, acks exactly once and never throws.

interface SocketData {
  user: User;
}
export type KierServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type KierSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  auth: AuthService;
  practice: PracticeService;
  /** Links sessions started for an assignment; without it assignmentId is refused. */
  courses?: CourseService;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  turnsPerMinute: number;
  parseCookie: (header: string) => Record<string, string | undefined>;
}

/** Sliding one-minute window per user. */
export function createTurnLimiter(perMinute: number, now: () => number = Date.now) {
  const hits = new Map<string, number[]>();
  return (userId: string): boolean => {
    const t = now();
    const recent = (hits.get(userId) ?? []).filter((x) => t - x < 60_000);
    if (recent.length >= perMinute) {
      hits.set(userId, recent);
      return false;
    }
    recent.push(t);
    hits.set(userId, recent);
    return true;
  };
}

export function toAckError(err: unknown, log: RealtimeDeps['log']): AckError {
  if (err instanceof AppError) {
    const code = ErrorCodeSchema.safeParse(err.code);
    if (code.success) return { code: code.data, message: err.message };
    return { code: 'bad_request', message: err.message };
  }
  if (isUnavailable(err)) {
    log.warn({ err }, 'store unavailable during a socket event');
    return { code: 'unavailable', message: 'storage is unavailable; nothing was lost, try again' };
  }
  log.error({ err }, 'socket handler failed');
  return { code: 'internal', message: 'internal error' };
}

export function attachRealtime(server: HttpServer, deps: RealtimeDeps): KierServer {
  const { auth, practice, log } = deps;
  const io: KierServer = new Server(server, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const allowTurn = createTurnLimiter(deps.turnsPerMinute);

  io.use((socket, next) => {
    const header = socket.handshake.headers.cookie;
    const token = header ? deps.parseCookie(header)[SESSION_COOKIE] : undefined;
    auth
      .userForToken(token)
      .then((user) => {
        if (!user) return next(new Error('unauthorized'));
        socket.data.user = user;
        next();
      })
      .catch((err: unknown) => {
        log.warn({ err }, 'socket handshake could not check the session');
        next(new Error('unavailable'));
      });
  });

  function handler<S extends z.ZodType, T>(socket: KierSocket, schema: S, run: (data: z.infer<S>) => Promise<T>) {
    return (payload: unknown, ack: unknown) => {
      // A client that wants no answer gets none; everything else is still validated and safe.
      const reply = typeof ack === 'function' ? (ack as (res: Ack<T>) => void) : () => {};
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        reply({ ok: false, error: { code: 'bad_request', message: issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload' } });
        return;
      }
      run(parsed.data).then(
        (data) => reply({ ok: true, data }),
        (err: unknown) => reply({ ok: false, error: toAckError(err, log) }),
      );
    };
  }

  function answer(socket: KierSocket, sessionId: string): void {
    const user = socket.data.user;
    practice
      .reply(user, sessionId, {
        typing: () => io.to(sessionId).emit('patient:typing', { sessionId }),
        delta: (delta) => io.to(sessionId).emit('patient:delta', { sessionId, delta }),
      })
      .then((r) => {
        if (r) io.to(sessionId).emit('patient:replied', { sessionId, ...r });
      })
      .catch((err: unknown) => {
        // The practitioner turn is stored; the next join or send generates the reply.
        log.error({ err, sessionId }, 'patient reply failed');
      });
  }

  io.on('connection', (socket: KierSocket) => {
    const user = socket.data.user;
    socket.on(
      'session:start',
      handler(socket, SessionStartSchema, async (data) => {
        if (data.assignmentId) {
          if (!deps.courses) throw new AppError('not_found', 'no such assignment');
          const { scenarioId, voice } = await deps.courses.forStart(user, data.assignmentId);
          const view = await practice.start(user, { scenarioId, voice, assignmentId: data.assignmentId });
          await socket.join(view.id);
          return view;
        }
        const view = await practice.start(user, { scenarioId: data.scenarioId!, voice: data.voice });
        await socket.join(view.id);
        return view;
      }),
    );
    socket.on(
      'session:join',
      handler(socket, SessionJoinSchema, async ({ sessionId }) => {
        const first = await practice.view(user, sessionId);
        await socket.join(sessionId);
        if (!first.needsReply) return first.view;
        // A crash left the last turn unanswered: answer it now, then show everything.
        await practice.reply(user, sessionId);
        return (await practice.view(user, sessionId)).view;
      }),
    );
    socket.on(
      'turn:send',
      handler(socket, TurnSendSchema, async (data) => {
        if (!allowTurn(user.id)) throw new AppError('rate_limited', `at most ${deps.turnsPerMinute} turns a minute`);
        const sent = await practice.send(user, data);
        await socket.join(data.sessionId);
        if (sent.needsReply) setImmediate(() => answer(socket, data.sessionId));
        return { turn: sent.turn, meters: sent.meters };
      }),
    );
    socket.on(
      'session:end',
      handler(socket, SessionEndSchema, async ({ sessionId }) => practice.end(user, sessionId)),
    );
    socket.on(
      'session:branch',
      handler(socket, SessionBranchSchema, async (data) => {
        const view = await practice.branch(user, data);
        await deps.courses?.inheritAssignment(view.id, data.sessionId);
        await socket.join(view.id);
        return view;
      }),
    );
  });

  return io;
}

/** Disconnects every client and stops the engine; the HTTP server itself is closed by fastify. */
export function closeRealtime(io: KierServer): void {
  io.disconnectSockets(true);
  io.engine.close();
}
