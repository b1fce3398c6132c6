import { computed, signal } from '@preact/signals';
import { en, type Dict, type MessageKey } from './en.ts';
import { nl } from './nl.ts';

export type UiLocale = 'nl' | 'en';
export type { MessageKey };

const dictionaries: Record<UiLocale, Dict> = { nl, en };
const STORAGE_KEY = 'kier.locale';

/** Remembered choice first, then the browser: nl* → Dutch, anything else → English. */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): UiLocale {
  if (stored === 'nl' || stored === 'en') return stored;
  const first = browserLanguages[0] ?? '';
  return first.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export const locale = signal<UiLocale>(
  initialLocale(readStored(), navigator.languages?.length ? navigator.languages : [navigator.language]),
);

export function setLocale(next: UiLocale): void {
  locale.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

const dict = computed(() => dictionaries[locale.value]);

/** Looks up a UI string in the current language and fills in {placeholders}. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dict.value[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Formats a number for the current UI language. */
export function fmt(n: number, digits = 0): string {
  return n.toLocaleString(locale.value === 'nl' ? 'nl-NL' : 'en-GB', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

export function fmtDate(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString(locale.value === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar day (YYYY-MM-DD) as the UI language writes it ("4 dec 2026"). */
export function fmtDay(isoDay: string): string {
  return new Date(`${isoDay}T12:00:00`).toLocaleDateString(locale.value === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium' });
}

/** A string in a given language regardless of the UI language (e.g. the session's language). */
export function tIn(lang: UiLocale, key: MessageKey): string {
  return dictionaries[lang][key];
}
