// Send a message with up to three buttons: quick replies, a link or a phone call, and optionally
// a picture (or video/document) on top.
import { useState, type FormEvent } from 'react';
import type { MediaKind } from '../../../../shared/model';
import { useValidation } from '../../hooks/useValidation';
import { t } from '../../i18n';
import { Dialog, DialogActions } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { Field, Optional } from '../Field';
import { guessMime, isWebUrl, useSend } from './useSend';

type ButtonType = 'replyButton' | 'urlButton' | 'callButton';
type Draft = { type: ButtonType; title: string; payload: string };

const MAX_BUTTONS = 3;
const buttonTypes: ButtonType[] = ['replyButton', 'urlButton', 'callButton'];
const newButton = (): Draft => ({ type: 'replyButton', title: '', payload: '' });
const optional = (label: string) => (
  <>
    {label}
    <Optional />
  </>
);

export function ButtonsDialog({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const { busy, error, send } = useSend(threadId);
  const [text, setText] = useState('');
  const [footer, setFooter] = useState('');
  const [buttons, setButtons] = useState<Draft[]>([newButton()]);
  const [mediaUrl, setMediaUrl] = useState('');
  const [mediaKind, setMediaKind] = useState<MediaKind>('image');

  const edit = (i: number, patch: Partial<Draft>) => setButtons(buttons.map((b, j) => (j === i ? { ...b, ...patch } : b)));

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!text.trim()) found.text = t('buttonsDialog.textMissing');
    buttons.forEach((b, i) => {
      if (!b.title.trim()) found[`b${i}.title`] = t('buttonsDialog.titleMissing');
      if (b.type === 'urlButton' && !isWebUrl(b.payload)) found[`b${i}.payload`] = t('buttonsDialog.linkMissing');
      if (b.type === 'callButton' && !/^\+?[\d\s().-]{6,20}$/.test(b.payload.trim())) found[`b${i}.payload`] = t('buttonsDialog.numberMissing');
    });
    if (mediaUrl.trim() && !isWebUrl(mediaUrl)) found.media = t('buttonsDialog.mediaInvalid');
    return found;
  }

  const { errors, check } = useValidation(validate);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check()) return;
    const media = mediaUrl.trim() ? { url: mediaUrl.trim(), mediaType: mediaKind, mimeType: guessMime(mediaUrl) ?? (mediaKind === 'image' ? 'image/jpeg' : '') } : undefined;
    const ok = await send({
      kind: 'buttons',
      text: text.trim(),
      ...(footer.trim() ? { footer: footer.trim() } : {}),
      buttons: buttons.map((b) => ({ type: b.type, title: b.title.trim(), ...(b.type !== 'replyButton' ? { payload: b.payload.trim() } : {}) })),
      ...(media ? { media } : {}),
    });
    if (ok) onClose();
  }

  return (
    <Dialog title={t('buttonsDialog.title')} busy={busy} wide onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <Field id="btn-text" label={t('buttonsDialog.text')} error={errors.text}>
          {(a11y) => <textarea {...a11y} rows={2} maxLength={1024} value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Field id="btn-footer" label={optional(t('buttonsDialog.footer'))} help={t('buttonsDialog.footerHelp')}>
          {(a11y) => <input {...a11y} maxLength={60} value={footer} onChange={(e) => setFooter(e.target.value)} />}
        </Field>
        {buttons.map((b, i) => (
          <fieldset key={i} className="subform">
            <legend>{t('buttonsDialog.button', { n: i + 1 })}</legend>
            <div className="field-row">
              <Field id={`btn-${i}-type`} label={t('buttonsDialog.type')}>
                {(a11y) => (
                  <select {...a11y} value={b.type} onChange={(e) => edit(i, { type: e.target.value as ButtonType, payload: '' })}>
                    {buttonTypes.map((type) => (
                      <option key={type} value={type}>
                        {t(`buttonsDialog.types.${type}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`btn-${i}-title`} label={t('buttonsDialog.buttonTitle')} error={errors[`b${i}.title`]}>
                {(a11y) => <input {...a11y} maxLength={20} value={b.title} onChange={(e) => edit(i, { title: e.target.value })} />}
              </Field>
            </div>
            {b.type !== 'replyButton' ? (
              <Field id={`btn-${i}-payload`} label={b.type === 'urlButton' ? t('buttonsDialog.link') : t('buttonsDialog.phone')} error={errors[`b${i}.payload`]}>
                {(a11y) => (
                  <input
                    {...a11y}
                    type={b.type === 'urlButton' ? 'url' : 'tel'}
                    placeholder={b.type === 'urlButton' ? 'https://' : '+62 812 3456 7890'}
                    value={b.payload}
                    onChange={(e) => edit(i, { payload: e.target.value })}
                  />
                )}
              </Field>
            ) : null}
            {buttons.length > 1 ? (
              <button type="button" className="btn small danger-text" onClick={() => setButtons(buttons.filter((_, j) => j !== i))}>
                {t('buttonsDialog.remove', { n: i + 1 })}
              </button>
            ) : null}
          </fieldset>
        ))}
        {buttons.length < MAX_BUTTONS ? (
          <button type="button" className="btn small add" onClick={() => setButtons([...buttons, newButton()])}>
            {t('buttonsDialog.add')}
          </button>
        ) : (
          <p className="help">{t('buttonsDialog.atMost', { max: MAX_BUTTONS })}</p>
        )}
        <div className="field-row">
          <Field id="btn-media" label={optional(t('buttonsDialog.media'))} help={t('buttonsDialog.mediaHelp')} error={errors.media}>
            {(a11y) => <input {...a11y} type="url" spellCheck={false} placeholder="https://" value={mediaUrl} onChange={(e) => setMediaUrl(e.target.value)} />}
          </Field>
          {mediaUrl.trim() ? (
            <Field id="btn-media-kind" label={t('buttonsDialog.mediaKind')} narrow>
              {(a11y) => (
                <select {...a11y} value={mediaKind} onChange={(e) => setMediaKind(e.target.value as MediaKind)}>
                  <option value="image">{t('buttonsDialog.image')}</option>
                  <option value="video">{t('kind.video')}</option>
                  <option value="document">{t('kind.document')}</option>
                </select>
              )}
            </Field>
          ) : null}
        </div>
        {error ? <ErrorNotice error={error} compact /> : null}
        <DialogActions busy={busy} submitLabel={t('buttonsDialog.title')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
