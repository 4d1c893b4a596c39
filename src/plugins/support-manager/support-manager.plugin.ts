import { lstat, realpath, rm } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { ErasurePlugin } from '../plugin';
import { SUPPORT_MANAGER_ENTITIES } from './entities';
import { SupportManagerEmailKeyMysql } from './migrations/mysql/support-manager-20261202-000001-email-key';
import { SupportManagerInitialMysql } from './migrations/mysql/support-manager-initial';
import { SupportManagerEmailKeySqlite } from './migrations/sqlite/support-manager-20261202-000001-email-key';
import { SupportManagerInitialSqlite } from './migrations/sqlite/support-manager-initial';
import { supportManagerSeeder } from './support-manager.seed';

/** Outbox event: one attachment file to remove from disk after the deletion committed. */
export const ATTACHMENT_REMOVED = 'support_manager.attachment_removed';

declare module '../../events/event-bus' {
  interface CommittedEvents {
    /** One attachment file of a deleted client, by its stored name. */
    [ATTACHMENT_REMOVED]: { file: string };
  }
}

/**
 * Resolves a stored attachment name inside the attachments directory; refuses names that would
 * leave it (`../`, absolute paths), so a bad row can never remove another file. Spelling only:
 * see {@link removableAttachment} for symbolic links.
 */
export function attachmentPath(dir: string, fileName: string): string {
  const root = resolve(dir);
  const path = resolve(root, fileName);
  if (!path.startsWith(root + sep)) throw new Error('attachment path leaves the attachments directory');
  return path;
}

/**
 * The path to remove for a stored attachment name, or null when nothing is there (already
 * removed, or no attachments directory at all). Refuses, by throwing, a name whose real location is outside the attachments directory
 * once symbolic links are followed: a linked directory on the way, or the name itself a link to a
 * file outside, or a link that leads nowhere (it cannot be shown to stay inside). A refused event
 * is retried and then parked as failed for an operator: a link out of the directory is not
 * something the service made. A link to a file inside the directory is removed itself, never the
 * file it points to (that name is another attachment's); `rm` removes a link, not its target.
 *
 * Between this check and the removal the directory could change; whoever can write to it can
 * remove its files anyway, so only names from the database are guarded.
 */
export async function removableAttachment(dir: string, fileName: string): Promise<string | null> {
  const path = attachmentPath(dir, fileName);
  let root: string;
  try {
    root = await realpath(resolve(dir));
  } catch (error) {
    // No attachments directory: no file to remove.
    if (isMissing(error)) return null;
    throw error;
  }
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
    try {
      await lstat(path);
    } catch (lstatError) {
      if (isMissing(lstatError)) return null;
      throw lstatError;
    }
    throw new Error('attachment is a symbolic link that leads nowhere');
  }
  if (!real.startsWith(root + sep)) {
    throw new Error('attachment path leaves the attachments directory through a symbolic link');
  }
  return path;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** Blesta's Support Manager: tickets, replies, custom field values and attachment files. */
export const supportManagerPlugin: ErasurePlugin = {
  name: 'support_manager',
  entities: SUPPORT_MANAGER_ENTITIES,
  migrations: {
    sqlite: [
      { name: 'support_manager_20261126_000000_initial', class: SupportManagerInitialSqlite },
      { name: 'support_manager_20261202_000001_email_key', class: SupportManagerEmailKeySqlite },
    ],
    mysql: [
      { name: 'support_manager_20261126_000000_initial', class: SupportManagerInitialMysql },
      { name: 'support_manager_20261202_000001_email_key', class: SupportManagerEmailKeyMysql },
    ],
  },
  install({ events, config }) {
    events.onTransaction('client.deleting', 'support_manager', async (event) => {
      // Files go only after commit: the outbox rows are written in the deletion's transaction, one
      // per attachment and set based, before the attachment rows themselves are deleted.
      await event.enqueueFrom(ATTACHMENT_REMOVED, 'support_attachments', 'file_name', 'file');
      await event.deleteTablesOf('support_manager');
    });
    events.onCommitted(ATTACHMENT_REMOVED, async (payload) => {
      const file: unknown = payload?.file;
      // A malformed event must fail loudly (and be parked for an operator), not pass as done.
      if (typeof file !== 'string' || file === '') throw new Error('attachment event without a file name');
      const path = await removableAttachment(config.attachmentsDir, file);
      if (path) await rm(path, { force: true });
    });
  },
  seed: supportManagerSeeder,
};
