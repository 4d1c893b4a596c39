import { KNOWN_PLUGINS } from '../../config';
import type { Em } from '../../db/orm';
import { planForPlugins, type ErasurePlan } from '../../deletion/erasure-plan';
import type { ErasurePlugin } from '../../plugins/plugin';
import { resolvePlugins } from '../../plugins/registry';
import type { SeedApp } from './options';
import type { PluginSeeder } from './plugin-seeder';

/**
 * The erasure plan of the entities an EntityManager knows, compiled as `createApp` compiles it
 * (a plugin's entities owned by the plugin): for a process that has an ORM but no App (the
 * benchmark's generator).
 */
export function planOf(em: Em, plugins: readonly ErasurePlugin[]): ErasurePlan {
  return planForPlugins(Object.values(em.getMetadata().getAll()), plugins);
}

/**
 * What the generator uses when it is not given the app: the built-in plugins whose entities the
 * EntityManager knows (a plugin's entities are registered only when it is enabled) and the plan of
 * its entities. The same as the App's own for an App's EntityManager, third-party plugins aside.
 */
export function seedAppOf(em: Em): SeedApp {
  const metadata = em.getMetadata();
  const plugins = resolvePlugins([...KNOWN_PLUGINS]).filter((p) =>
    p.entities.every((entity) => metadata.find(entity.name) !== undefined),
  );
  return { plan: planOf(em, plugins), plugins };
}

/**
 * The seeders of the plugins a generation names, in the order the app installed them. Refuses a
 * name that is not an enabled plugin: its tables do not exist.
 */
export function seedersFor(app: SeedApp, names: readonly string[]): PluginSeeder[] {
  for (const name of names) {
    if (!app.plugins.some((p) => p.name === name)) {
      throw new Error(
        `plugins: ${name} is not enabled (PLUGINS), so its tables do not exist; a plugin that is not built in needs \`app\``,
      );
    }
  }
  return app.plugins.flatMap((p) => (names.includes(p.name) && p.seed ? [p.seed] : []));
}
