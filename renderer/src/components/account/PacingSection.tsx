// "Sending pace" on an account card: how fast the outbox sends for this account, the provider's
// default or the operator's own rule. Phone-linked gateways default to slow, with random gaps.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Account, PacingRule, ProviderInfo } from '../../../../shared/model';
import type { ChannelOutput } from '../../../../shared/ipc';
import { call } from '../../api';
import { paceSummary, seconds } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useValidation } from '../../hooks/useValidation';
import { ErrorNotice } from '../ErrorNotice';
import { Field } from '../Field';
import { t } from '../../i18n';
import { providerName } from '../providerWords';

type Pacing = ChannelOutput<'pacing:get'>;
type Errors = Partial<Record<'perMinute' | 'burst' | 'gapMin' | 'gapMax', string>>;
type Draft = { perMinute: string; burst: string; gapMin: string; gapMax: string };

const MAX_GAP_S = 600;

const draftOf = (rule: PacingRule): Draft => ({ perMinute: String(rule.perMinute), burst: String(rule.burst), gapMin: seconds(rule.gapMs[0]), gapMax: seconds(rule.gapMs[1]) });

function whole(value: string, min: number, max: number): boolean {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
}

function gap(value: string): boolean {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= MAX_GAP_S;
}

/** Why the default is what it is, in the provider's terms. */
function whyDefault(provider: ProviderInfo, defaultRule: PacingRule): string {
  return defaultRule.gapMs[1] > 0
    ? t('pacing.whyQr', { provider: providerName(provider) })
    : t('pacing.whyApi', { provider: providerName(provider) });
}

export function PacingSection({ account, provider }: { account: Account; provider: ProviderInfo }) {
  const [open, setOpen] = useState(false);
  const [pacing, setPacing] = useState<Pacing | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const loading = useAction();
  const saving = useAction();
  const { run } = loading;

  const show = useCallback((next: Pacing) => {
    setPacing(next);
    setDraft(draftOf(next.rule));
  }, []);
  const load = useCallback(() => run(async () => show(await call('pacing:get', { accountId: account.id }))), [run, show, account.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const d = draft ?? { perMinute: '', burst: '', gapMin: '', gapMax: '' };
  const { errors, check } = useValidation<Errors>(() => ({
    perMinute: whole(d.perMinute, 0, 60_000) ? undefined : t('pacing.perMinuteError'),
    burst: whole(d.burst, 1, 1000) ? undefined : t('pacing.burstError'),
    gapMin: gap(d.gapMin) ? undefined : t('pacing.gapError', { max: MAX_GAP_S }),
    gapMax: !gap(d.gapMax) ? t('pacing.gapError', { max: MAX_GAP_S }) : gap(d.gapMin) && Number(d.gapMax) < Number(d.gapMin) ? t('pacing.gapOrder') : undefined,
  }));
  const edit = (key: keyof Draft) => (value: string) => {
    setSaved(null);
    setDraft({ ...d, [key]: value });
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    if (!check()) return;
    const rule: PacingRule = {
      perMinute: Number(d.perMinute),
      burst: Number(d.burst),
      gapMs: [Math.round(Number(d.gapMin) * 1000), Math.round(Number(d.gapMax) * 1000)],
    };
    if (await saving.run(async () => show(await call('pacing:set', { accountId: account.id, rule })))) setSaved(t('pacing.saved'));
  }

  async function useDefault() {
    setSaved(null);
    if (await saving.run(async () => show(await call('pacing:set', { accountId: account.id, rule: null })))) setSaved(t('pacing.backToDefault', { provider: providerName(provider) }));
  }

  const panelId = `pace-${account.id}`;
  const id = (key: string) => `${panelId}-${key}`;
  return (
    <section className="card-section" aria-label={t('pacing.title')}>
      <div className="section-head">
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          {t('pacing.title')}
        </button>
        {pacing ? (
          <p className="muted">
            {paceSummary(pacing.rule)} <span className="tag">{pacing.custom ? t('pacing.custom') : t('pacing.providerDefault')}</span>
          </p>
        ) : loading.busy ? (
          <p className="muted">{t('pacing.checking')}</p>
        ) : null}
      </div>
      {loading.error ? <ErrorNotice error={loading.error} onRetry={() => void load()} compact /> : null}
      {open && pacing ? (
        <form id={panelId} className="subform form compact-form" onSubmit={save} noValidate aria-label={t('pacing.title')}>
          <p className="help">{whyDefault(provider, pacing.defaultRule)}</p>
          <p className="help">
            {t('pacing.defaultIs', { provider: providerName(provider) })} <strong>{paceSummary(pacing.defaultRule)}</strong>.
          </p>
          <div className="field-row">
            <Field id={id('rate')} label={t('pacing.perMinute')} help={t('pacing.perMinuteHelp')} error={errors.perMinute} narrow>
              {(a11y) => <input {...a11y} type="number" min={0} max={60000} step={1} inputMode="numeric" value={d.perMinute} onChange={(e) => edit('perMinute')(e.target.value)} />}
            </Field>
            <Field id={id('burst')} label={t('pacing.burst')} help={t('pacing.burstHelp')} error={errors.burst} narrow>
              {(a11y) => <input {...a11y} type="number" min={1} max={1000} step={1} inputMode="numeric" value={d.burst} onChange={(e) => edit('burst')(e.target.value)} />}
            </Field>
          </div>
          <fieldset className="gap-fieldset">
            <legend>{t('pacing.gap')}</legend>
            <div className="field-row">
              <Field id={id('gap-min')} label={t('pacing.from')} error={errors.gapMin} narrow>
                {(a11y) => <input {...a11y} type="number" min={0} max={MAX_GAP_S} step={0.5} inputMode="decimal" value={d.gapMin} onChange={(e) => edit('gapMin')(e.target.value)} />}
              </Field>
              <Field id={id('gap-max')} label={t('pacing.to')} error={errors.gapMax} narrow>
                {(a11y) => <input {...a11y} type="number" min={0} max={MAX_GAP_S} step={0.5} inputMode="decimal" value={d.gapMax} onChange={(e) => edit('gapMax')(e.target.value)} />}
              </Field>
            </div>
            <p className="help">{t('pacing.gapHelp')}</p>
          </fieldset>
          {saving.error ? <ErrorNotice error={saving.error} compact /> : null}
          {saved ? (
            <p className="saved" role="status">
              {saved}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="button" className="btn small" onClick={useDefault} disabled={saving.busy || !pacing.custom}>
              {t('pacing.useDefault')}
            </button>
            <button type="submit" className="btn small primary" disabled={saving.busy}>
              {saving.busy ? t('common.saving') : t('pacing.save')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
