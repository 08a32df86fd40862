// Whole-window messages for when the app itself can't start: no access link, refused, or connecting.
import type { ReactNode } from 'react';

export function FullPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="full-page">
      <div className="full-page-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Switchboard
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
