// Send a place as a WhatsApp location pin.
import { useState, type FormEvent } from 'react';
import { useValidation } from '../../hooks/useValidation';
import { Dialog, DialogActions } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { Field } from '../Field';
import { useSend } from './useSend';
import { t } from '../../i18n';

type Errors = Partial<Record<'name' | 'lat' | 'lng', string>>;

/** Accepts "6,2088" as well as "6.2088". */
function coordinate(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' ? NaN : Number(t);
}

export function LocationDialog({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const { busy, error, send } = useSend(threadId);
  const [name, setName] = useState('');
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const la = coordinate(lat);
  const lo = coordinate(lng);
  const { errors, check } = useValidation<Errors>(() => ({
    name: name.trim() ? undefined : t('location.nameError'),
    lat: la >= -90 && la <= 90 ? undefined : t('location.latError'),
    lng: lo >= -180 && lo <= 180 ? undefined : t('location.lngError'),
  }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check()) return;
    if (await send({ kind: 'location', name: name.trim(), lat: la, lng: lo })) onClose();
  }

  return (
    <Dialog title={t('composer.attachItem.location')} busy={busy} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <Field id="loc-name" label={t('location.name')} error={errors.name}>
          {(a11y) => <input {...a11y} maxLength={200} placeholder={t('location.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <div className="field-row">
          <Field id="loc-lat" label={t('location.lat')} error={errors.lat}>
            {(a11y) => <input {...a11y} inputMode="decimal" placeholder="-6.2088" value={lat} onChange={(e) => setLat(e.target.value)} />}
          </Field>
          <Field id="loc-lng" label={t('location.lng')} error={errors.lng}>
            {(a11y) => <input {...a11y} inputMode="decimal" placeholder="106.8456" value={lng} onChange={(e) => setLng(e.target.value)} />}
          </Field>
        </div>
        <p className="help">{t('location.tip')}</p>
        {error ? <ErrorNotice error={error} compact /> : null}
        <DialogActions busy={busy} submitLabel={t('composer.attachItem.location')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
