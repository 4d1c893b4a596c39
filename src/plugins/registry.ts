import type { PluginName } from '../config';
import type { ErasurePlugin } from './plugin';
import { orderPlugin } from './order/order.plugin';
import { supportManagerPlugin } from './support-manager/support-manager.plugin';

const BUILT_IN: Record<PluginName, ErasurePlugin> = {
  support_manager: supportManagerPlugin,
  order: orderPlugin,
};

/** The plugins named in `PLUGINS`, in a fixed order. */
export function resolvePlugins(names: readonly PluginName[]): ErasurePlugin[] {
  return (Object.keys(BUILT_IN) as PluginName[]).filter((n) => names.includes(n)).map((n) => BUILT_IN[n]);
}
