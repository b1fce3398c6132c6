import type { Meters as MetersData } from '../api/types.ts';
import { fmt, t } from '../i18n/index.ts';
import { fraction, level, THRESHOLDS } from '../lib/thresholds.ts';

interface BarProps {
  label: string;
  value: number | null;
  max: number;
  fair?: number;
  good?: number;
  display: string;
  testId: string;
}

function Bar({ label, value, max, fair, good, display, testId }: BarProps) {
  const lv = fair !== undefined && good !== undefined ? level(value, fair, good) : null;
  const pct = value === null ? 0 : Math.max(0, Math.min(100, (value / max) * 100));
  return (
    <div class="meter" data-testid={testId}>
      <div class="meter-head">
        <span class="meter-label">{label}</span>
        <span class={`meter-value ${lv ? `lv-${lv}` : ''}`}>{display}</span>
      </div>
      <div
        class="meter-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value ?? 0}
        aria-valuetext={value === null ? t('level.na') : lv ? `${display} (${t(`level.${lv}`)})` : display}
      >
        <span class={`meter-fill ${lv ? `lv-${lv}` : 'lv-neutral'}`} style={{ width: `${pct}%` }} />
        {fair !== undefined && <span class="meter-mark" style={{ left: `${(fair / max) * 100}%` }} />}
        {good !== undefined && <span class="meter-mark good" style={{ left: `${(good / max) * 100}%` }} />}
      </div>
      <div class="meter-foot muted">
        {fair !== undefined && good !== undefined ? (
          <>
            <span>{t('meters.fair', { v: fmt(fair, max > 10 ? 0 : 1) + (max > 10 ? '%' : '') })}</span>
            <span>{t('meters.good', { v: fmt(good, max > 10 ? 0 : 1) + (max > 10 ? '%' : '') })}</span>
          </>
        ) : (
          <span>{t('meters.noThreshold')}</span>
        )}
      </div>
    </div>
  );
}

/** Live MITI figures with their fair/good thresholds (R:Q 1/2, %CR 40/50). */
export function Meters({ meters }: { meters: MetersData }) {
  const none = t('meters.none');
  const pctDisplay = (v: number | null) => (v === null ? none : `${fmt(v * 100)}%`);
  const cr = fraction(meters.percentComplexReflections);
  const ct = fraction(meters.percentChangeTalk);
  return (
    <section class="meters card" aria-labelledby="meters-title">
      <h2 id="meters-title" class="h3">
        {t('meters.title')}
      </h2>
      <Bar
        testId="meter-rq"
        label={t('meters.rq')}
        value={meters.reflectionToQuestion}
        max={3}
        fair={THRESHOLDS.reflectionToQuestion.fair}
        good={THRESHOLDS.reflectionToQuestion.good}
        display={meters.reflectionToQuestion === null ? none : fmt(meters.reflectionToQuestion, 1)}
      />
      <Bar
        testId="meter-cr"
        label={t('meters.cr')}
        value={cr === null ? null : cr * 100}
        max={100}
        fair={THRESHOLDS.percentComplexReflections.fair * 100}
        good={THRESHOLDS.percentComplexReflections.good * 100}
        display={pctDisplay(cr)}
      />
      <Bar
        testId="meter-ct"
        label={t('meters.ct')}
        value={ct === null ? null : ct * 100}
        max={100}
        display={pctDisplay(ct)}
      />
      <p class="meter-turns muted">
        {t('meters.turns')}: <strong>{meters.practitionerTurns}</strong>
      </p>
    </section>
  );
}
