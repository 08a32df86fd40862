// "Bot settings" beside a connected instance: loaded from the gateway when opened, saved per section.
import { useCallback, useState } from 'react';
import { call } from '../../api';
import { useAction } from '../../hooks/useAction';
import { ErrorNotice } from '../ErrorNotice';
import { ActionsForm, ActiveDaysForm, ActiveHoursForm, GeneralForm, type Section, type Values } from './BotSettingsForms';
import { t } from '../../i18n';

export function BotSettings({ instanceId }: { instanceId: string }) {
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState<Record<string, unknown> | null>(null);
  const loading = useAction();
  const { run } = loading;

  const load = useCallback(() => run(async () => setSettings(await call('botSettings:get', { instanceId }))), [run, instanceId]);
  const save = useCallback(
    async (section: Section, values: Values) => setSettings(await call('botSettings:update', { instanceId, section, values })),
    [instanceId],
  );

  function toggle() {
    if (!open && !settings) void load();
    setOpen(!open);
  }

  const panelId = `bot-${instanceId}`;
  const props = settings ? { prefix: panelId, settings, save } : null;
  return (
    <div className="bot-settings">
      <button type="button" className="disclosure" aria-expanded={open} aria-controls={panelId} onClick={toggle}>
        {t('bot.title')}
      </button>
      {open ? (
        <div id={panelId} className="section-body">
          {loading.busy && !settings ? <p className="muted">{t('bot.loading')}</p> : null}
          {loading.error ? <ErrorNotice error={loading.error} onRetry={() => void load()} compact /> : null}
          {props ? (
            <div className="bot-grid">
              <GeneralForm {...props} />
              <ActionsForm {...props} />
              <ActiveDaysForm {...props} />
              <ActiveHoursForm {...props} />
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
