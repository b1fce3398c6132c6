import { ApiError } from '../api/http.ts';
import { t, type MessageKey } from '../i18n/index.ts';

const KNOWN = new Set([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'invalid_credentials',
  'email_taken',
  'unavailable',
  'internal',
  'network',
  'invalid_join_code',
  'import_invalid',
]);

/** A readable message for an API or ack error code, in the UI language. */
export function errorText(e: unknown): string {
  const code = e instanceof ApiError ? e.code : (e as { code?: string } | null)?.code;
  if (code && KNOWN.has(code)) return t(`err.${code}` as MessageKey);
  return t('err.internal');
}
