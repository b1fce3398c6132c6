import { batch, signal } from '@preact/signals';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AckError,
  ClientToServerEvents,
  Meters,
  PatientMood,
  ServerToClientEvents,
  SessionView,
  TurnView,
} from '../api/types.ts';

// The live practice session: one socket, one open session at a time. The server is the source of
// truth; the client keeps at most one unacknowledged turn, persisted in localStorage so a reload or
// a lost connection resends it with the same clientTurnId (the server stores it only once).

type KierSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface PendingTurn {
  sessionId: string;
  clientTurnId: string;
  text: string;
  /** sending: emitted, waiting for the ack; queued: waiting for a connection; failed: rejected. */
  state: 'sending' | 'queued' | 'failed';
  error?: AckError;
}

export const view = signal<SessionView | null>(null);
export const pending = signal<PendingTurn | null>(null);
export const patientTyping = signal(false);
/** Text streamed so far by the LLM voice for the reply in progress. */
export const streamed = signal('');
export const connected = signal(false);
export const joinError = signal<AckError | null>(null);

const ACK_TIMEOUT_MS = 15_000;
const PENDING_KEY = 'kier.pendingTurn';

let socket: KierSocket | null = null;
let openId: string | null = null;

function savePending(p: PendingTurn | null): void {
  pending.value = p;
  try {
    if (p && p.state !== 'failed') localStorage.setItem(PENDING_KEY, JSON.stringify({ ...p, state: 'queued' }));
    else localStorage.removeItem(PENDING_KEY);
  } catch {
    // Storage unavailable: the pending turn survives a lost connection but not a reload.
  }
}

function loadPending(sessionId: string): PendingTurn | null {
  try {
    const raw = localStorage.getItem(PENDING_KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as PendingTurn;
    if (p && p.sessionId === sessionId && typeof p.clientTurnId === 'string' && typeof p.text === 'string') {
      return { ...p, state: 'queued' };
    }
  } catch {
    // Corrupt entry: ignore it.
  }
  return null;
}

export function newClientTurnId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function getSocket(): KierSocket {
  if (socket) return socket;
  const s: KierSocket = io({ autoConnect: false, withCredentials: true, reconnectionDelayMax: 3000 });
  s.on('connect', () => {
    connected.value = true;
    if (openId) void join(openId);
  });
  s.on('disconnect', (reason) => {
    connected.value = false;
    patientTyping.value = false;
    // The server closed the socket (e.g. restart): socket.io does not retry that by itself.
    if (reason === 'io server disconnect') s.connect();
    const p = pending.value;
    if (p && p.state === 'sending') savePending({ ...p, state: 'queued' });
  });
  s.on('connect_error', () => {
    connected.value = false;
  });
  s.on('patient:typing', ({ sessionId }) => {
    if (sessionId !== openId) return;
    batch(() => {
      patientTyping.value = true;
      streamed.value = '';
    });
  });
  s.on('patient:delta', ({ sessionId, delta }) => {
    if (sessionId !== openId) return;
    batch(() => {
      patientTyping.value = true;
      streamed.value += delta;
    });
  });
  s.on('patient:replied', ({ sessionId, turn, meters, mood }) => {
    if (sessionId !== openId) return;
    batch(() => {
      applyTurn(turn, meters, mood);
      patientTyping.value = false;
      streamed.value = '';
    });
  });
  socket = s;
  return s;
}

function emitAck<T>(run: (s: KierSocket, done: (err: Error | null, res?: Ack<T>) => void) => void): Promise<Ack<T>> {
  return new Promise((resolve) => {
    const s = getSocket();
    run(s, (err, res) => {
      if (err || !res) resolve({ ok: false, error: { code: 'unavailable', message: err?.message ?? 'no answer' } });
      else resolve(res);
    });
  });
}

/** Inserts or replaces a turn by index and keeps the list ordered. */
export function upsertTurn(turns: readonly TurnView[], turn: TurnView): TurnView[] {
  const rest = turns.filter((t) => t.index !== turn.index && t.id !== turn.id);
  rest.push(turn);
  rest.sort((a, b) => a.index - b.index);
  return rest;
}

function applyTurn(turn: TurnView, meters: Meters, mood?: PatientMood): void {
  const v = view.value;
  if (!v || v.id !== turn.sessionId) return;
  view.value = { ...v, turns: upsertTurn(v.turns, turn), meters, mood: mood ?? v.mood };
}

async function join(sessionId: string): Promise<void> {
  const res = await emitAck<SessionView>((s, done) =>
    s.timeout(ACK_TIMEOUT_MS).emit('session:join', { sessionId }, (err, r) => done(err, r)),
  );
  if (sessionId !== openId) return;
  if (!res.ok) {
    joinError.value = res.error;
    return;
  }
  batch(() => {
    joinError.value = null;
    view.value = res.data;
  });
  const p = pending.value ?? loadPending(sessionId);
  if (p && p.sessionId === sessionId && p.state !== 'failed') void transmit(p);
}

/** Opens a session: connects if needed and joins its room; re-joins on every reconnect. */
export function openSession(sessionId: string): void {
  const s = getSocket();
  if (openId !== sessionId) {
    batch(() => {
      openId = sessionId;
      if (view.value?.id !== sessionId) view.value = null;
      pending.value = loadPending(sessionId);
      patientTyping.value = false;
      streamed.value = '';
      joinError.value = null;
    });
  }
  if (s.connected) void join(sessionId);
  else s.connect();
}

export function closeSession(): void {
  openId = null;
}

export function disconnect(): void {
  openId = null;
  socket?.disconnect();
  socket = null;
  batch(() => {
    view.value = null;
    pending.value = null;
    connected.value = false;
  });
}

async function transmit(p: PendingTurn): Promise<void> {
  const s = getSocket();
  if (!s.connected) {
    savePending({ ...p, state: 'queued' });
    return;
  }
  savePending({ ...p, state: 'sending' });
  const res = await emitAck<{ turn: TurnView; meters: Meters }>((sock, done) =>
    sock
      .timeout(ACK_TIMEOUT_MS)
      .emit('turn:send', { sessionId: p.sessionId, text: p.text, clientTurnId: p.clientTurnId }, (err, r) => done(err, r)),
  );
  // A newer turn or another session took over meanwhile.
  if (pending.value?.clientTurnId !== p.clientTurnId) return;
  if (res.ok) {
    batch(() => {
      applyTurn(res.data.turn, res.data.meters);
      savePending(null);
    });
    return;
  }
  if (res.error.code === 'unavailable' && !s.connected) {
    // Lost on the way: the next connect re-joins and resends with the same clientTurnId.
    savePending({ ...p, state: 'queued' });
  } else if (res.error.code === 'unavailable') {
    savePending({ ...p, state: 'queued' });
    setTimeout(() => {
      if (pending.value?.clientTurnId === p.clientTurnId) void transmit(p);
    }, 1500);
  } else {
    savePending({ ...p, state: 'failed', error: res.error });
  }
}

/** Sends a practitioner turn; false when another turn is still on its way. */
export function sendTurn(text: string): boolean {
  const v = view.value;
  if (!v || v.status !== 'active') return false;
  const cur = pending.value;
  if (cur && cur.state !== 'failed') return false;
  void transmit({ sessionId: v.id, clientTurnId: newClientTurnId(), text, state: 'sending' });
  return true;
}

export function retryPending(): void {
  const p = pending.value;
  if (p) void transmit({ ...p, state: 'sending' });
}

export function discardPending(): void {
  savePending(null);
}

/** Starts a session for a scenario, or for a course assignment (its scenario and voice win). */
export async function startSession(scenarioId: string | null, assignmentId?: string): Promise<Ack<SessionView>> {
  const s = getSocket();
  if (!s.connected) s.connect();
  const payload = assignmentId ? { assignmentId } : { scenarioId: scenarioId ?? '' };
  const res = await emitAck<SessionView>((sock, done) =>
    sock.timeout(ACK_TIMEOUT_MS).emit('session:start', payload, (err, r) => done(err, r)),
  );
  if (res.ok) {
    openId = res.data.id;
    view.value = res.data;
    pending.value = null;
  }
  return res;
}

export async function endSession(sessionId: string): Promise<Ack<SessionView>> {
  const res = await emitAck<SessionView>((s, done) =>
    s.timeout(ACK_TIMEOUT_MS).emit('session:end', { sessionId }, (err, r) => done(err, r)),
  );
  if (res.ok && view.value?.id === sessionId) view.value = res.data;
  return res;
}

export async function branchSession(sessionId: string, atTurn: number): Promise<Ack<SessionView>> {
  const s = getSocket();
  if (!s.connected) s.connect();
  const res = await emitAck<SessionView>((sock, done) =>
    sock.timeout(ACK_TIMEOUT_MS).emit('session:branch', { sessionId, atTurn }, (err, r) => done(err, r)),
  );
  if (res.ok) {
    openId = res.data.id;
    view.value = res.data;
    pending.value = null;
  }
  return res;
}
