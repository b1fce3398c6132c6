import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { CodeHit } from '../api/types.ts';
import { fmt, t } from '../i18n/index.ts';
import { codeName, familyOf } from '../lib/codes.ts';

/**
 * Below this confidence a code is shown as unsure: the same point below which the hybrid coder
 * asks the model (CODER_HYBRID_THRESHOLD's default), so students do not take a guess as a verdict.
 */
export const UNSURE_BELOW = 0.6;

/**
 * One code under a practitioner turn. The popover (explanation, rule id, confidence) opens on hover,
 * on keyboard focus and on tap/click (which pins it until tapped again, Escape or a tap elsewhere),
 * so it works with a mouse, a keyboard and a touch screen alike.
 */
export function CodeChip({ hit, align = 'start' }: { hit: CodeHit; align?: 'start' | 'end' }) {
  const [pinned, setPinned] = useState(false);
  const [hovered, setHovered] = useState(false);
  const [keyFocus, setKeyFocus] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const id = useId();
  const open = pinned || hovered || keyFocus;

  useEffect(() => {
    if (!pinned) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setPinned(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [pinned]);

  const family = familyOf(hit.code);
  const unsure = hit.confidence < UNSURE_BELOW;
  return (
    <span
      class={`chip-wrap chip-${align}`}
      ref={root}
      // Hover is for mice only: on a touch screen a tap also "enters", which would keep the
      // popover open after the second tap that should close it.
      onPointerEnter={(e) => e.pointerType === 'mouse' && setHovered(true)}
      onPointerLeave={(e) => e.pointerType === 'mouse' && setHovered(false)}
    >
      <button
        type="button"
        class={`chip fam-${family}${unsure ? ' chip-unsure' : ''}`}
        aria-expanded={open}
        aria-describedby={open ? id : undefined}
        aria-label={`${hit.code}: ${t(codeName(hit.code))}${unsure ? ` (${t('chip.unsure.short')})` : ''}`}
        data-code={hit.code}
        onClick={() => setPinned((p) => !p)}
        onFocus={(e) => setKeyFocus((e.currentTarget as HTMLElement).matches(':focus-visible'))}
        onBlur={() => setKeyFocus(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setPinned(false);
            setKeyFocus(false);
            setHovered(false);
          }
        }}
      >
        {hit.code}
        {unsure && <span aria-hidden="true">?</span>}
      </button>
      {open && (
        <span role="tooltip" id={id} class="popover">
          <strong class="popover-title">
            {t(codeName(hit.code))} <span class="muted">({hit.code})</span>
          </strong>
          <span class="popover-expl">{hit.explanation}</span>
          {unsure && <span class="popover-unsure">{t('chip.unsure')}</span>}
          {hit.text && (
            <span class="popover-quote">
              <span class="sr-only">{t('chip.utterance')}: </span>“{hit.text}”
            </span>
          )}
          <span class="popover-meta">
            <span>
              {t('chip.rule')}: <code>{hit.rule}</code>
            </span>
            <span>{t('chip.confidence', { p: fmt(hit.confidence * 100) })}</span>
          </span>
        </span>
      )}
    </span>
  );
}
