// New broadcast, step by step: account and template → recipients → variables and preview →
// schedule → review. Every choice is kept in the draft store, so Back loses nothing.
import { useEffect, useRef, useState } from 'react';
import { useAction } from '../../../hooks/useAction';
import { t } from '../../../i18n';
import { removeCampaign, startCampaign, useBroadcasts } from '../../../stores/broadcasts';
import { useDraft, wizardSteps, wizardStepTitle, type WizardStep } from '../../../stores/broadcastDraft';
import { ConfirmDialog } from '../../ConfirmDialog';
import { ErrorNotice } from '../../ErrorNotice';
import { fromLocalInput } from '../words';
import { ScheduleFields } from './ScheduleFields';
import { StepRecipients } from './StepRecipients';
import { StepReview } from './StepReview';
import { StepTemplate } from './StepTemplate';
import { StepVariables } from './StepVariables';
import { hasErrors, scheduleProblem, stepErrors, useDraftTemplate } from './validate';

function StepIndicator({ step, onGo }: { step: WizardStep; onGo(step: WizardStep): void }) {
  return (
    <ol className="steps" aria-label={t('wizard.stepsLabel')}>
      {wizardSteps.map((key, i) => {
        const label = wizardStepTitle(i);
        const state = i < step ? 'done' : i === step ? 'current' : 'todo';
        const body = (
          <>
            <span className="step-number" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span className="step-label">{label}</span>
          </>
        );
        return (
          <li key={key} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            {state === 'done' ? (
              <button type="button" className="step-link" onClick={() => onGo(i as WizardStep)} title={t('wizard.backTo', { step: label.toLowerCase() })}>
                {body}
              </button>
            ) : (
              body
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function Wizard() {
  const { draft, patch, reset } = useDraft();
  const show = useBroadcasts((s) => s.show);
  const template = useDraftTemplate(draft);
  const [tried, setTried] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const starting = useAction();
  const top = useRef<HTMLDivElement>(null);
  const step = draft.step;
  const all = stepErrors(step, draft, template);
  const errors = tried ? all : {};
  const started = draft.nameTouched || !!draft.csv || Object.keys(draft.picked).length > 0 || !!draft.created;
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);

  // A new step: readers hear its title, and the page starts at its top.
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    heading.current?.focus();
    top.current?.scrollIntoView({ block: 'start' });
  }, [step]);

  function goTo(next: WizardStep) {
    setTried(false);
    starting.setError(null);
    patch({ step: next });
  }

  function next() {
    setTried(true);
    if (hasErrors(all) || step === 4) return;
    goTo((step + 1) as WizardStep);
  }

  async function start() {
    const created = draft.created?.result.campaign;
    if (!created) return;
    const late = scheduleProblem(draft.schedule, draft.at);
    if (late) return starting.setError({ code: 'validation', message: `${late} ${t('wizard.goBackToSchedule')}` });
    const at = draft.schedule === 'later' ? (fromLocalInput(draft.at) ?? undefined) : undefined;
    if (await starting.run(() => startCampaign(created.id, at))) {
      reset();
      show({ kind: 'campaign', id: created.id });
    }
  }

  async function discard() {
    const created = draft.created?.result.campaign;
    if (created) await removeCampaign(created.id).catch(() => undefined);
    reset();
    show({ kind: 'list' });
  }

  const lost = step >= 2 && !template;

  return (
    <main className="screen" aria-labelledby="wizard-title">
      <header className="screen-head">
        <h1 id="wizard-title">{t('broadcasts.new')}</h1>
        <button type="button" className="btn" onClick={() => (started ? setDiscarding(true) : void discard())}>
          {started ? t('wizard.discard') : t('common.close')}
        </button>
      </header>
      <div className="screen-body wizard" ref={top}>
        <StepIndicator step={step} onGo={goTo} />
        <div className="card">
          <h2 id="wizard-step-title" className="step-title" tabIndex={-1} ref={heading}>
            <span className="muted">{t('wizard.stepOf', { n: step + 1, total: 5 })} · </span>
            {wizardStepTitle(step)}
          </h2>
          {lost ? <p className="notice warn compact">{t('wizard.templateGone')}</p> : null}
          {step === 0 ? <StepTemplate draft={draft} errors={errors} /> : null}
          {step === 1 ? <StepRecipients draft={draft} errors={errors} /> : null}
          {step === 2 && template ? <StepVariables draft={draft} template={template} errors={errors} /> : null}
          {step === 3 ? (
            <div className="wizard-step">
              <ScheduleFields idPrefix="bc" schedule={draft.schedule} at={draft.at} error={errors.at} onChange={(v) => patch(v)} />
            </div>
          ) : null}
          {step === 4 && template && draft.created ? <StepReview draft={draft} template={template} /> : null}
          {starting.error ? <ErrorNotice error={starting.error} compact /> : null}
        </div>
        <div className="wizard-nav">
          {step > 0 ? (
            <button type="button" className="btn" onClick={() => goTo((step - 1) as WizardStep)} disabled={starting.busy}>
              {t('common.back')}
            </button>
          ) : null}
          {tried && hasErrors(all) ? (
            <span className="field-error wizard-blocked" role="alert">
              {Object.values(all).find(Boolean)}
            </span>
          ) : null}
          {step < 4 ? (
            <button type="button" className="btn primary" onClick={next} disabled={lost}>
              {t('wizard.next')}
            </button>
          ) : (
            <button type="button" className="btn primary" onClick={() => void start()} disabled={starting.busy || lost} aria-busy={starting.busy}>
              {starting.busy ? t('campaign.starting') : t('campaign.start')}
            </button>
          )}
        </div>
      </div>
      {discarding ? (
        <ConfirmDialog title={t('wizard.discardTitle')} confirmLabel={t('wizard.discard')} cancelLabel={t('wizard.keepEditing')} onConfirm={discard} onClose={() => setDiscarding(false)}>
          <p>{draft.created ? t('wizard.discardBodyCreated') : t('wizard.discardBody')}</p>
        </ConfirmDialog>
      ) : null}
    </main>
  );
}
