/**
 * The Chinese strings of the page shell, which every page shows as it opens: the header, the search box,
 * the share button and the map page's own controls. The rest are in messages.ts, which only the parts
 * of a page that come later (panels, the article and target pages) load.
 */
export const ZH_SHELL = {
  siteTitle: '青岛绿色低碳高质量发展地图',
  siteSubtitle: '2023—2025年三年行动计划',
  map: '地图',
  articles: '条文',
  targets: '目标',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  close: '关闭',
  featureNotFound: '链接中的要素不存在',
  searchPlaceholder: '搜索条文、目标、地点…',
  searchLabel: '搜索',
  shareLabel: '分享本页',
  nearMe: '附近',
  nearMeLabel: '查看附近的规划项目',
  mapCanvasLabel: '青岛行动计划地图：可用方向键平移，加号和减号缩放',
  listButton: '列表',
  listButtonLabel: '以列表查看地图上的要素',
  mapCanvasDescription: '地图上显示的内容也有文字版：按“列表”按钮查看。',
  areaTool: '区域'
} as const;

export type ShellKey = keyof typeof ZH_SHELL;
