// A group the provider never named gets a title main makes from its id ("Group 120363025246125486"),
// stored like any title so search finds it. The interface words that title in the operator's
// language: this recognises it.
import type { Thread } from './model';

/** The title main gives a group the provider has not named. */
export const defaultGroupTitle = (peerId: string): string => `Group ${peerId.split('@')[0]}`;

/** The group's id when its title is still the default one (not a provider's or the operator's name). */
export function unnamedGroupId(thread: Pick<Thread, 'isGroup' | 'title' | 'peerId' | 'renamed'>): string | null {
  if (!thread.isGroup || thread.renamed) return null;
  return thread.title === defaultGroupTitle(thread.peerId) ? thread.peerId.split('@')[0]! : null;
}
