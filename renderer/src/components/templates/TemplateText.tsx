// A template's text with its placeholders marked, so the operator sees what will be filled in.
// The patterns match shared/placeholders.ts: {{1}} style and {name} style.
import type { Template } from '../../../../shared/model';

const PLACEHOLDER = /(\{\{\s*\d+\s*\}\}|(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\}))/g;

/** How a placeholder is written in this body: "{{1}}" or "{name}". */
export function placeholderLabel(body: string, key: string): string {
  return new RegExp(`\\{\\{\\s*${key.replace(/[^\w]/g, '')}\\s*\\}\\}`).test(body) ? `{{${key}}}` : `{${key}}`;
}

export function TemplateText({ text, className }: { text: string; className?: string }) {
  const parts = text.split(PLACEHOLDER);
  return (
    <span className={className ?? 'template-text'}>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="placeholder">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </span>
  );
}

/** Header, body and footer as the customer will read them. */
export function TemplatePreview({ template, body }: { template: Pick<Template, 'header' | 'footer'>; body: string }) {
  return (
    <div className="template-preview">
      {template.header ? <div className="template-header">{template.header}</div> : null}
      <TemplateText text={body} />
      {template.footer ? <div className="template-footer">{template.footer}</div> : null}
    </div>
  );
}
