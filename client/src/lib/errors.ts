import { ApiError } from '../api/http.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { en } from '../i18n/en.ts';

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

/**
 * A refused import in the UI language: the kind of problem and its facts come from the server,
 * the words from our dictionaries. The server's English message is the fallback for a kind this
 * client does not know yet (a newer server).
 */
export function importErrorText(e: ApiError): string {
  const p = e.problem;
  const key = p ? (`import.problem.${p.kind}` as const) : null;
  const known = key !== null && key in en;
  const message = p && known ? t(key, p.params) : e.message.replace(/^line \d+: /i, '');
  return e.line ? t('import.errorLine', { line: String(e.line), message }) : t('import.error', { message });
}
