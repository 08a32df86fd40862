// "Send now" or a start time later (a datetime-local in the computer's own time zone).
import { t } from '../../../i18n';
import type { Draft } from '../../../stores/broadcastDraft';
import { Field } from '../../Field';
import { ChoiceGroup } from '../ChoiceGroup';
import { fromLocalInput, toLocalInput, when } from '../words';

type Props = {
  idPrefix: string;
  schedule: Draft['schedule'];
  at: string;
  error: string | undefined;
  onChange(next: { schedule: Draft['schedule']; at: string }): void;
};

/** A round time about an hour ahead, as the suggestion when "later" is picked. */
export function suggestedStart(now = Date.now()): string {
  const d = new Date(now + 60 * 60 * 1000);
  d.setMinutes(d.getMinutes() < 30 ? 30 : 60, 0, 0);
  return toLocalInput(d.getTime());
}

export function ScheduleFields({ idPrefix, schedule, at, error, onChange }: Props) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const picked = fromLocalInput(at);
  return (
    <div className="schedule">
      <ChoiceGroup
        legend={t('wizard.schedule.legend')}
        value={schedule}
        onChange={(next) => onChange({ schedule: next, at: next === 'later' ? at || suggestedStart() : at })}
        options={[
          { value: 'now', title: t('wizard.schedule.now'), help: t('wizard.schedule.nowHelp') },
          { value: 'later', title: t('wizard.schedule.later'), help: t('wizard.schedule.laterHelp') },
        ]}
      />
      {schedule === 'later' ? (
        <Field id={`${idPrefix}-at`} label={t('wizard.schedule.sendAt')} help={`${t('wizard.schedule.zone', { zone })}${picked && !error ? ` ${t('wizard.schedule.startsAt', { when: when(picked) })}` : ''}`} error={error} narrow>
          {(a11y) => <input {...a11y} type="datetime-local" value={at} min={toLocalInput(Date.now())} onChange={(e) => onChange({ schedule, at: e.target.value })} />}
        </Field>
      ) : null}
    </div>
  );
}
