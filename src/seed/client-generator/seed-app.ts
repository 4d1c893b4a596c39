import { KNOWN_PLUGINS } from '../../config';
import type { Em } from '../../db/orm';
import { CORE, planFromMetadata, type ErasurePlan } from '../../deletion/erasure-plan';
import type { ErasurePlugin } from '../../plugins/plugin';
import { resolvePlugins } from '../../plugins/registry';
import type { SeedApp } from './options';

/**
 * The erasure plan of the entities an EntityManager knows, compiled as `createApp` compiles it
 * (a plugin's entities owned by the plugin): for a process that has an ORM but no App (the
 * benchmark's generator).
 */
export function planOf(em: Em, plugins: readonly ErasurePlugin[]): ErasurePlan {
  const owners = new Map<object, string>(plugins.flatMap((p) => p.entities.map((e) => [e, p.name] as const)));
  return planFromMetadata(Object.values(em.getMetadata().getAll()), (meta) => owners.get(meta.class) ?? CORE);
}

/**
 * What the generator uses when it is not given the app: the plan of the EntityManager's entities,
 * owned by the built-in plugins whose entities it knows (a plugin's entities are registered only
 * when it is enabled). The same as the App's own for an App's EntityManager.
 */
export function seedAppOf(em: Em): SeedApp {
  const metadata = em.getMetadata();
  const plugins = resolvePlugins([...KNOWN_PLUGINS]).filter((p) =>
    p.entities.every((entity) => metadata.find(entity.name) !== undefined),
  );
  return { plan: planOf(em, plugins) };
}
