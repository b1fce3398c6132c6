import { StoreUnavailableError } from '../store/index.ts';

// Errors that mean "the store cannot be reached right now" rather than a bug.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08000', '08003', '08006']);

export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  const msg = err instanceof Error ? err.message : '';
  return /Connection terminated|PGlite is closed|database is closed/i.test(msg);
}
