import { rm } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { ErasurePlugin } from '../plugin';
import { SUPPORT_MANAGER_ENTITIES } from './entities';
import { SupportManagerEmailKeyMysql } from './migrations/mysql/support-manager-20261202-000001-email-key';
import { SupportManagerInitialMysql } from './migrations/mysql/support-manager-initial';
import { SupportManagerEmailKeySqlite } from './migrations/sqlite/support-manager-20261202-000001-email-key';
import { SupportManagerInitialSqlite } from './migrations/sqlite/support-manager-initial';
import { supportManagerDeleter } from './support-manager.deleter';

/** Outbox event: one attachment file to remove from disk after the deletion committed. */
export const ATTACHMENT_REMOVED = 'support_manager.attachment_removed';

/**
 * Resolves a stored attachment name inside the attachments directory; refuses names that would
 * leave it (`../`, absolute paths), so a bad row can never remove another file.
 */
export function attachmentPath(dir: string, fileName: string): string {
  const root = resolve(dir);
  const path = resolve(root, fileName);
  if (!path.startsWith(root + sep)) throw new Error('attachment path leaves the attachments directory');
  return path;
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
  deleter: supportManagerDeleter,
  install({ events, config }) {
    // Files go only after commit: the outbox rows are written in the deletion's transaction, one
    // per attachment and set based, before the attachment rows themselves are deleted.
    events.onClientDeleting('support_manager.attachments', async (event) => {
      await event.enqueueFrom(ATTACHMENT_REMOVED, 'support_attachments', 'file_name', 'file');
    });
    events.onCommitted(ATTACHMENT_REMOVED, async (payload) => {
      const file = payload.file;
      // A malformed event must fail loudly (and be parked for an operator), not pass as done.
      if (typeof file !== 'string' || file === '') throw new Error('attachment event without a file name');
      await rm(attachmentPath(config.attachmentsDir, file), { force: true });
    });
  },
};
