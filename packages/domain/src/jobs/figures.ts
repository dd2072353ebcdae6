/**
 * The Redis channel, under QUEUE_PREFIX, on which every gateway keeps its remembered figures (list
 * totals, the overview, the to-do summary, the tree's member counts) in step with what changed:
 * a gateway publishes a mutation's root fields after it; the sync publishes when a run has changed
 * organisations, members or transfers. A gateway forgets what the message says may have changed.
 */
export const FIGURES_CHANNEL = 'count-cache:forget';

export interface FiguresMessage {
  /** Who sent it: a gateway skips its own messages (it has already forgotten). */
  origin: string;
  /** A mutation's root fields; null when they are not plain fields (forget all but member counts). */
  fields?: string[] | null;
  /** The sync changed this collection (ORGANIZATIONS, MEMBERS, TRANSFERS): forget every figure. */
  synced?: string;
}
