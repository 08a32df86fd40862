// Names a conversation on this computer only (a group otherwise reads "Group 1203…"). The
// provider never learns the name; an empty name goes back to the one the provider gives.
import { useState, type FormEvent } from 'react';
import type { Thread } from '../../../shared/model';
import { call } from '../api';
import { useTranslation } from 'react-i18next';
import { useAction } from '../hooks/useAction';
import { Dialog, DialogActions } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';

export function RenameThreadDialog({ thread, onClose }: { thread: Thread; onClose(): void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const [title, setTitle] = useState(thread.title);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // The list and header follow through threads:changed.
    if (await run(() => call('threads:rename', { threadId: thread.id, title: title.trim() }))) onClose();
  }

  const help = t(thread.renamed ? 'rename.helpRenamed' : thread.isGroup ? 'rename.helpGroup' : 'rename.help');
  return (
    <Dialog title={t('rename.title')} busy={busy} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <Field id="rename-thread" label={t('rename.label')} help={help}>
          {(a11y) => <input {...a11y} maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        {error ? <ErrorNotice error={error} compact /> : null}
        <DialogActions busy={busy} submitLabel={t('common.save')} busyLabel={t('common.saving')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
