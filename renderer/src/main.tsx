// Renderer entry: start listening for main-side events, then mount the window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';
import { LanguageRoot } from './i18n/LanguageRoot';
import { warmFormatters } from './format';
import { startLiveUpdates } from './stores/live';
import './styles.css';

startLiveUpdates();
// After the first paint, while nothing else is going on.
if (typeof requestIdleCallback === 'function') requestIdleCallback(warmFormatters);
else setTimeout(warmFormatters, 500);

// A file dropped outside the conversation must not replace the app with the file (the browser's
// default). The conversation handles its own drops first and marks them handled.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (e) => {
    if (e.defaultPrevented || !e.dataTransfer || !Array.from(e.dataTransfer.types).includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'none';
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LanguageRoot>
      <App />
    </LanguageRoot>
  </StrictMode>,
);
