// A thread's picture: initials in a circle (a rounded square for groups). Only inline images are
// shown: the page's CSP allows no remote images, so a provider's avatar URL is left out for now.
import type { Thread } from '../../../shared/model';
import { initials } from '../format';

export function Avatar({ thread }: { thread: Pick<Thread, 'title' | 'isGroup' | 'avatarUrl'> }) {
  const cls = thread.isGroup ? 'avatar group' : 'avatar';
  if (thread.avatarUrl && /^(data:image\/|blob:)/i.test(thread.avatarUrl)) {
    return <img className={cls} src={thread.avatarUrl} alt="" width={42} height={42} />;
  }
  return (
    <span className={cls} aria-hidden="true">
      {initials(thread.title)}
    </span>
  );
}
