import type { PractitionerCode } from '../api/types.ts';
import type { MessageKey } from '../i18n/index.ts';

// Codes are grouped into families for colour: the chip colour says "question / reflection /
// MI-adherent / information / non-adherent" at a glance; the popover says the rest.
export type CodeFamily = 'question' | 'reflection' | 'adherent' | 'info' | 'nonadherent' | 'other';

export const CODE_FAMILY: Record<PractitionerCode, CodeFamily> = {
  OQ: 'question',
  CQ: 'question',
  SR: 'reflection',
  CR: 'reflection',
  SUM: 'reflection',
  AF: 'adherent',
  SEEK: 'adherent',
  AUTO: 'adherent',
  GI: 'info',
  PWP: 'info',
  RR: 'nonadherent',
  CON: 'nonadherent',
  NC: 'other',
};

export const CODE_ORDER: PractitionerCode[] = ['OQ', 'CQ', 'SR', 'CR', 'SUM', 'AF', 'SEEK', 'AUTO', 'GI', 'PWP', 'RR', 'CON', 'NC'];

export function codeName(code: string): MessageKey {
  return `code.${code}` as MessageKey;
}

export function familyName(f: CodeFamily): MessageKey {
  return `family.${f}` as MessageKey;
}

export function familyOf(code: string): CodeFamily {
  return (CODE_FAMILY as Record<string, CodeFamily>)[code] ?? 'other';
}
