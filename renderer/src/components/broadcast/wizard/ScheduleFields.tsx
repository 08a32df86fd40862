// "Send now" or a start time later (a datetime-local in the computer's own time zone).
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
        legend="When should it start?"
        value={schedule}
        onChange={(next) => onChange({ schedule: next, at: next === 'later' ? at || suggestedStart() : at })}
        options={[
          { value: 'now', title: 'Send now', help: 'Starts as soon as you press “Start broadcast”.' },
          { value: 'later', title: 'Schedule for later', help: 'Switchboard must be running then; if it isn’t, the broadcast starts when Switchboard next runs.' },
        ]}
      />
      {schedule === 'later' ? (
        <Field id={`${idPrefix}-at`} label="Send at" help={`Your computer's time (${zone}).${picked && !error ? ` Starts ${when(picked)}.` : ''}`} error={error} narrow>
          {(a11y) => <input {...a11y} type="datetime-local" value={at} min={toLocalInput(Date.now())} onChange={(e) => onChange({ schedule, at: e.target.value })} />}
        </Field>
      ) : null}
    </div>
  );
}
