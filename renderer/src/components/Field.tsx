// One labelled form control with its help and its error, wired up for screen readers. The control
// itself comes from the caller, which spreads the ids and aria attributes it is given.
import type { ReactNode } from 'react';
import { t } from '../i18n';

export type A11y = { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };

type Props = {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  narrow?: boolean;
  className?: string;
  children: (a11y: A11y) => ReactNode;
};

export function Field({ id, label, help, error, narrow, className, children }: Props) {
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const a11y: A11y = { id, 'aria-invalid': !!error, 'aria-describedby': describedBy };
  return (
    <div className={['field', narrow ? 'narrow' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children(a11y)}
      {help ? (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox with its label to the right, and an optional help line below. */
export function Check({ id, label, checked, onChange, help, disabled }: { id: string; label: ReactNode; checked: boolean; onChange(on: boolean): void; help?: ReactNode; disabled?: boolean }) {
  return (
    <div className="check">
      <input id={id} type="checkbox" className="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={help ? `${id}-help` : undefined} />
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
    </div>
  );
}

/** "(optional)" after a label, quieter than the label itself. */
export function Optional() {
  return <span className="required"> {t('common.optional')}</span>;
}
