import type { Persona } from '../api/types.ts';
import { t, type MessageKey } from '../i18n/index.ts';

export function PersonaCard({ persona, compact = false }: { persona: Persona; compact?: boolean }) {
  const initials = persona.name
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <div class={`persona ${compact ? 'persona-compact' : ''}`} aria-label={t('persona.title')} role="group">
      <span class="avatar" aria-hidden="true">
        {initials}
      </span>
      <div class="persona-body">
        <strong class="persona-name">{persona.name}</strong>
        <span class="muted">
          {t(`gender.${persona.gender}` as MessageKey)}, {t('persona.age', { age: persona.age })}
        </span>
        <dl class="persona-facts">
          <div>
            <dt>{t('persona.work')}</dt>
            <dd>{persona.work}</dd>
          </div>
          <div>
            <dt>{t('persona.condition')}</dt>
            <dd>{persona.condition}</dd>
          </div>
        </dl>
      </div>
    </div>
  );
}
