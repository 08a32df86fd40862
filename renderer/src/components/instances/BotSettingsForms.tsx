// The bot API's four settings sections, each a small form with its own Save and its own answer:
// general info, bot actions, active days and active hours.
import { useState, type FormEvent, type ReactNode } from 'react';
import { neverAnswersReason, timezoneProblem } from '../../../../shared/bot-settings';
import type { Wording } from '../../../../shared/model';
import { useAction } from '../../hooks/useAction';
import { useValidation } from '../../hooks/useValidation';
import { t } from '../../i18n';
import { ErrorNotice } from '../ErrorNotice';
import { Check, Field } from '../Field';

export type Section = 'general' | 'actions' | 'activeDays' | 'activeHours';
export type Values = Record<string, string | boolean>;
type Settings = Record<string, unknown>;
type FormProps = { prefix: string; settings: Settings; save(section: Section, values: Values): Promise<void> };

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const flag = (v: unknown): boolean => (typeof v === 'boolean' ? v : typeof v === 'string' ? v !== '' && v !== 'false' : !!v);
/** A check's finding (shared/bot-settings.ts) in the operator's language. */
const wordingText = (w: Wording | null): string | undefined => (w ? t(w.key, w.params) : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** One section: heading, fields, Save, and what happened. */
function SectionForm({ title, children, onSubmit, busy, saved, error }: { title: string; children: ReactNode; onSubmit(): void; busy: boolean; saved: boolean; error: ReturnType<typeof useAction>['error'] }) {
  return (
    <form
      className="bot-form"
      aria-label={title}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h4>{title}</h4>
      {children}
      {error ? <ErrorNotice error={error} compact /> : null}
      <div className="bot-form-foot">
        {saved ? (
          <span className="saved" role="status">
            {t('botForms.saved')}
          </span>
        ) : null}
        <button type="submit" className="btn small primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** Save state for one section: resets "Saved." as soon as something changes. */
function useSection(section: Section, save: FormProps['save']) {
  const action = useAction();
  const [saved, setSaved] = useState(false);
  return {
    ...action,
    saved,
    touched: () => setSaved(false),
    submit: async (values: Values) => {
      setSaved(false);
      if (await action.run(() => save(section, values))) setSaved(true);
    },
  };
}

export function GeneralForm({ prefix, settings, save }: FormProps) {
  const s = useSection('general', save);
  // The gateway keeps the default message as text; an older record may hold only `true` (on).
  const [v, setV] = useState({ bot_name: str(settings.bot_name), bot_timezone: str(settings.bot_timezone), bot_lang: str(settings.bot_lang), default_msg: str(settings.default_msg) });
  const { errors, check } = useValidation(() => ({
    name: v.bot_name.trim() ? undefined : t('botForms.nameMissing'),
    timezone: wordingText(timezoneProblem(v.bot_timezone)),
  }));
  const edit = (key: keyof typeof v) => (e: { target: { value: string } }) => {
    s.touched();
    setV({ ...v, [key]: e.target.value });
  };

  function submit() {
    if (!check()) return;
    const message = v.default_msg.trim();
    void s.submit({ bot_name: v.bot_name.trim(), bot_timezone: v.bot_timezone.trim(), bot_lang: v.bot_lang.trim(), ...(message ? { default_msg: message } : {}) });
  }

  return (
    <SectionForm title={t('botForms.general')} onSubmit={submit} busy={s.busy} saved={s.saved} error={s.error}>
      <Field id={`${prefix}-name`} label={t('botForms.name')} error={errors.name}>
        {(a11y) => <input {...a11y} maxLength={500} value={v.bot_name} onChange={edit('bot_name')} />}
      </Field>
      <div className="field-row">
        <Field id={`${prefix}-tz`} label={t('botForms.timezone')} error={errors.timezone}>
          {(a11y) => <input {...a11y} maxLength={100} placeholder={t('botForms.timezonePlaceholder')} list={`${prefix}-tz-list`} value={v.bot_timezone} onChange={edit('bot_timezone')} />}
        </Field>
        <Field id={`${prefix}-lang`} label={t('templateForm.language')} narrow>
          {(a11y) => <input {...a11y} maxLength={20} placeholder={t('templateForm.languagePlaceholder')} value={v.bot_lang} onChange={edit('bot_lang')} />}
        </Field>
      </div>
      <datalist id={`${prefix}-tz-list`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <Field
        id={`${prefix}-defmsg`}
        label={t('botForms.defaultMessage')}
        help={t('botForms.defaultMessageHelp')}
      >
        {(a11y) => <textarea {...a11y} rows={2} maxLength={500} value={v.default_msg} onChange={edit('default_msg')} />}
      </Field>
    </SectionForm>
  );
}

/** The zone names the form suggests as the operator types. */
const zones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** A section that is only on/off switches (bot actions, active days). */
function FlagsForm({ title, section, field, labels, prefix, settings, save, warn }: FormProps & { title: string; section: Section; field: string; labels: Record<string, string>; warn?: (flags: Record<string, boolean>) => Wording | null }) {
  const s = useSection(section, save);
  const initial = obj(settings[field]);
  const [flags, setFlags] = useState<Record<string, boolean>>(() => Object.fromEntries(Object.keys(labels).map((k) => [k, flag(initial[k])])));
  const warning = wordingText(warn?.(flags) ?? null);
  return (
    <SectionForm title={title} onSubmit={() => void s.submit(flags)} busy={s.busy} saved={s.saved} error={s.error}>
      <div className="flag-grid">
        {Object.entries(labels).map(([key, label]) => (
          <Check
            key={key}
            id={`${prefix}-${section}-${key}`}
            label={label}
            checked={flags[key] ?? false}
            onChange={(on) => {
              s.touched();
              setFlags({ ...flags, [key]: on });
            }}
          />
        ))}
      </div>
      {warning ? (
        <div className="notice warn compact" role="status">
          <p className="notice-message">{warning}</p>
        </div>
      ) : null}
    </SectionForm>
  );
}

/** A label table read in the current language each time a label is looked up. */
function labels(prefix: string, keys: readonly string[]): Record<string, string> {
  const table: Record<string, string> = {};
  for (const key of keys) Object.defineProperty(table, key, { get: () => t(`${prefix}.${key}`), enumerable: true });
  return table;
}

const actionLabels = labels('botForms.actions', ['reply_msgs', 'send_default_msg', 'reply_group_msgs', 'reply_unread_msgs', 'multi_device', 'send_webhook']);
const dayLabels = labels('botForms.days', ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

export const ActionsForm = (p: FormProps) => <FlagsForm {...p} title={t('botForms.actionsTitle')} section="actions" field="actions" labels={actionLabels} />;
export const ActiveDaysForm = (p: FormProps) => <FlagsForm {...p} title={t('botForms.activeDays')} section="activeDays" field="active_days" labels={dayLabels} warn={neverAnswersReason} />;

const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

export function ActiveHoursForm({ prefix, settings, save }: FormProps) {
  const s = useSection('activeHours', save);
  const hours = obj(settings.active_hours);
  const from0 = str(hours.from);
  const to0 = str(hours.to);
  const [always, setAlways] = useState(from0 === 'always' || to0 === 'always' || (!from0 && !to0));
  const [from, setFrom] = useState(TIME.test(from0) ? from0.padStart(5, '0') : '09:00');
  const [to, setTo] = useState(TIME.test(to0) ? to0.padStart(5, '0') : '17:00');
  const { errors, check } = useValidation(() => ({
    from: always || TIME.test(from) ? undefined : t('botForms.fromMissing'),
    to: always || TIME.test(to) ? undefined : t('botForms.toMissing'),
  }));

  function submit() {
    if (!check()) return;
    void s.submit(always ? { from: 'always', to: 'always' } : { from, to });
  }

  return (
    <SectionForm title={t('botForms.activeHours')} onSubmit={submit} busy={s.busy} saved={s.saved} error={s.error}>
      <Check
        id={`${prefix}-always`}
        label={t('botForms.always')}
        checked={always}
        onChange={(on) => {
          s.touched();
          setAlways(on);
        }}
      />
      {!always ? (
        <div className="field-row">
          <Field id={`${prefix}-from`} label={t('botForms.from')} narrow error={errors.from}>
            {(a11y) => <input {...a11y} type="time" value={from} onChange={(e) => {
                  s.touched();
                  setFrom(e.target.value);
                }} />}
          </Field>
          <Field id={`${prefix}-to`} label={t('botForms.to')} narrow error={errors.to}>
            {(a11y) => <input {...a11y} type="time" value={to} onChange={(e) => {
                  s.touched();
                  setTo(e.target.value);
                }} />}
          </Field>
        </div>
      ) : (
        <p className="help">{t('botForms.alwaysHelp')}</p>
      )}
    </SectionForm>
  );
}
