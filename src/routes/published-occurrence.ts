/**
 * Looks up one published occurrence by its EventInstance id for the per-occurrence routes.
 * Only the snapshot is searched, and it holds only what the publication rule let through, so
 * a guessed id of a hidden, unapproved or blockout instance is a 404 like an unknown one.
 * These routes take no query parameters; any given (tracking parameters) are ignored.
 */
import type { Context } from 'hono';
import type { Occurrence } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import type { AppEnv } from './app-env';
import { NotFoundError } from './errors';
import { currentSnapshot } from './feed-response';

const ID = /^[0-9]{1,20}$/;

/**
 * The published occurrence `id` and its snapshot.
 *
 * @throws {NotFoundError} when no published occurrence has that id
 * @throws {UpstreamUnavailableError} on a cold start with Planning Center unreachable
 */
export async function publishedOccurrence(
  c: Context<AppEnv>,
  id: string,
): Promise<{ snapshot: Snapshot; occurrence: Occurrence }> {
  if (!ID.test(id)) throw new NotFoundError(`no published occurrence "${id}"`);
  const snapshot = await currentSnapshot(c);
  const occurrence = snapshot.occurrences.find((o) => o.id === id);
  if (!occurrence) throw new NotFoundError(`no published occurrence "${id}"`);
  return { snapshot, occurrence };
}
