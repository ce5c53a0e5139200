/**
 * The Chinese strings the layers panel shows whenever it is open, and `t` over them and the page shell's.
 * The panel comes with a first visit to the map; its rarely shown parts (the Tianditu key, the user's own
 * layers) and everything else look their strings up in messages.ts, which a first visit does not need.
 */
import { language } from './lang.svelte';
import { ZH_SHELL, type ShellKey } from './messages-shell';

export const ZH_LAYERS = {
  layersPanel: '图层',
  layersPanelLabel: '图层与筛选',
  statusFilter: '状态',
  chapterFilter: '章节',
  allChapters: '全部章节',
  precisionLegend: '位置精度图例',
  resetFilters: '重置筛选',
  basemapLegend: '底图',
  basemapEmbedded: '内置底图（离线可用）',
  basemapNeedsNetwork: '需联网',
  userLayersTitle: '我的数据',
  importFiles: '导入文件…',
  legendButton: '图例',
  cleanView: '只看地图（C）',
  cleanViewBack: '退出只看地图（Esc）'
} as const;

export type LayersKey = keyof typeof ZH_LAYERS;

const ZH_PANEL: Record<ShellKey | LayersKey, string> = { ...ZH_SHELL, ...ZH_LAYERS };

/** The layers panel's string for `key` in the current language. */
export function t(key: ShellKey | LayersKey): string {
  return ((language.current === 'en' ? language.english : null) ?? ZH_PANEL)[key];
}
