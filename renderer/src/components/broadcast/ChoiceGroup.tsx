// One of a few choices, drawn as cards with a line of help: a radio group made of buttons (arrow
// keys move between them), so the choices' words don't label the fields that follow them.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

type Option<V extends string> = { value: V; title: string; help: ReactNode };

type Props<V extends string> = {
  legend: string;
  value: V;
  options: Option<V>[];
  onChange(value: V): void;
  row?: boolean;
};

export function ChoiceGroup<V extends string>({ legend, value, options, onChange, row }: Props<V>) {
  const id = useId();
  const group = useRef<HTMLDivElement>(null);

  function onKeyDown(e: KeyboardEvent) {
    const step = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const at = options.findIndex((o) => o.value === value);
    const next = options[(at + step + options.length) % options.length]!;
    onChange(next.value);
    group.current?.querySelector<HTMLElement>(`[data-value="${next.value}"]`)?.focus();
  }

  return (
    <div className="choice-group">
      <p className="choice-legend" id={id}>
        {legend}
      </p>
      <div className={row ? 'choice-row' : 'choice-col'} role="radiogroup" aria-labelledby={id} ref={group} onKeyDown={onKeyDown}>
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            role="radio"
            className="choice"
            data-value={o.value}
            aria-checked={o.value === value}
            tabIndex={o.value === value ? 0 : -1}
            onClick={() => onChange(o.value)}
          >
            <span className="choice-mark" aria-hidden="true" />
            <span className="choice-text">
              <strong>{o.title}</strong>
              <span className="help">{o.help}</span>
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}
