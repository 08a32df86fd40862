// Replays a customer message at the provider to see the auto-reply it would send (Omnichat).
import { useState, type FormEvent } from 'react';
import type { Account } from '../../../../shared/model';
import type { ChannelOutput } from '../../../../shared/ipc';
import { formatPhone } from '../../../../shared/phone';
import { call } from '../../api';
import { useAction } from '../../hooks/useAction';
import { t } from '../../i18n';
import { useValidation } from '../../hooks/useValidation';
import { ErrorNotice } from '../ErrorNotice';
import { Field } from '../Field';

type Reply = ChannelOutput<'autoReply:test'>;
type Errors = Partial<Record<'from' | 'fromName' | 'message', string>>;

export function AutoReplyTest({ account }: { account: Account }) {
  const { busy, error, run } = useAction();
  const [from, setFrom] = useState('');
  const [fromName, setFromName] = useState('');
  const [message, setMessage] = useState('');
  const { errors, check } = useValidation<Errors>(() => ({
    from: from.replace(/\D/g, '').length >= 6 ? undefined : t('autoReplyTest.fromMissing'),
    fromName: fromName.trim() ? undefined : t('autoReplyTest.nameMissing'),
    message: message.trim() ? undefined : t('autoReplyTest.messageMissing'),
  }));
  const [reply, setReply] = useState<Reply | null>(null);
  const id = (key: string) => `autoreply-${account.id}-${key}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setReply(null);
    if (!check()) return;
    await run(async () => setReply(await call('autoReply:test', { accountId: account.id, from: from.trim(), fromName: fromName.trim(), message: message.trim() })));
  }

  return (
    <form className="subform form compact-form" onSubmit={submit} noValidate aria-label={t('autoReplyTest.title')}>
      <p className="help">{t('autoReplyTest.help')}</p>
      <div className="field-row">
        <Field id={id('from')} label={t('autoReplyTest.from')} error={errors.from}>
          {(a11y) => <input {...a11y} type="tel" placeholder="6281234567890" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field id={id('name')} label={t('autoReplyTest.name')} error={errors.fromName}>
          {(a11y) => <input {...a11y} maxLength={100} value={fromName} onChange={(e) => setFromName(e.target.value)} />}
        </Field>
      </div>
      <Field id={id('message')} label={t('autoReplyTest.message')} error={errors.message}>
        {(a11y) => <textarea {...a11y} rows={2} maxLength={1000} value={message} onChange={(e) => setMessage(e.target.value)} />}
      </Field>
      {error ? <ErrorNotice error={error} compact /> : null}
      {reply ? (
        reply.reply ? (
          <div className="auto-reply" role="status">
            <span className="preview-label">
              {reply.receiver ? t('autoReplyTest.replyTo', { to: formatPhone(reply.receiver.split('@')[0] ?? reply.receiver) }) : t('autoReplyTest.reply')}
            </span>
            <p className="text">{reply.reply}</p>
          </div>
        ) : (
          <p className="muted" role="status">
            {t('autoReplyTest.none')}
          </p>
        )
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn small primary" disabled={busy}>
          {busy ? t('autoReplyTest.testing') : t('autoReplyTest.run')}
        </button>
      </div>
    </form>
  );
}
