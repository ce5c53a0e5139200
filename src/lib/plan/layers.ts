/**
 * The registry of the plan's map layers: names, colour, draw order and the kinds of
 * feature each layer's legend explains. The pipeline refuses a feature whose layer or kind is not here.
 * Colours come from the symbology (src/lib/map/symbology.ts), the one home of how the plan is drawn.
 */
import { LAYER_COLOURS } from '../map/symbology';
import { LAYER_IDS, type LayerId } from './layer-ids';

/** One entry of a layer's legend: a kind of feature the layer draws. */
export interface LegendKind {
  /** The `kind` property of the features this entry explains. */
  kind: string;
  name_zh: string;
  name_en: string;
}

export interface LayerInfo {
  id: LayerId;
  name_zh: string;
  name_en: string;
  /** The layer's base colour, `#rrggbb`. Metro lines keep their own line colours. */
  colour: string;
  /** Lower numbers are drawn first (underneath): areas below lines, lines below points. */
  order: number;
  legend: readonly LegendKind[];
}

export const LAYERS = [
  {
    id: 'zones',
    name_zh: '功能区与开放平台',
    name_en: 'Development zones',
    colour: LAYER_COLOURS.zones,
    order: 10,
    legend: [
      { kind: 'new-area', name_zh: '国家级新区', name_en: 'State-level new area' },
      { kind: 'demonstration-zone', name_zh: '示范区', name_en: 'Demonstration zone' },
      { kind: 'free-trade-zone', name_zh: '自由贸易试验区', name_en: 'Pilot free trade zone' },
      { kind: 'bonded-zone', name_zh: '综合保税区', name_en: 'Comprehensive bonded zone' },
      { kind: 'high-tech-zone', name_zh: '高新技术产业开发区', name_en: 'High-tech industrial zone' },
      { kind: 'industrial-park', name_zh: '产业园区与基地', name_en: 'Industrial park or base' },
      { kind: 'pilot-area', name_zh: '改革试验区', name_en: 'Reform pilot area' },
      { kind: 'cooperation-area', name_zh: '跨市协作区', name_en: 'Cross-city cooperation area' },
      { kind: 'urban-node', name_zh: '城市功能区与节点', name_en: 'Urban area or node' },
      { kind: 'renewal-area', name_zh: '城市更新片区', name_en: 'Urban renewal area' }
    ]
  },
  {
    id: 'ecology',
    name_zh: '生态',
    name_en: 'Ecology',
    colour: LAYER_COLOURS.ecology,
    order: 20,
    legend: [
      { kind: 'bay', name_zh: '海湾', name_en: 'Bay' },
      { kind: 'island', name_zh: '海岛', name_en: 'Island' },
      { kind: 'mountain', name_zh: '山地', name_en: 'Mountain' },
      { kind: 'park', name_zh: '公园', name_en: 'Park' },
      { kind: 'river', name_zh: '河流', name_en: 'River' },
      { kind: 'reservoir', name_zh: '水库', name_en: 'Reservoir' }
    ]
  },
  {
    id: 'culture',
    name_zh: '文化与遗产',
    name_en: 'Culture and heritage',
    colour: LAYER_COLOURS.culture,
    order: 30,
    legend: [
      { kind: 'heritage-site', name_zh: '遗址与文物', name_en: 'Heritage site' },
      { kind: 'historic-area', name_zh: '历史城区与街区', name_en: 'Historic area' },
      { kind: 'cultural-belt', name_zh: '文化带与文化公园', name_en: 'Cultural belt or park' },
      { kind: 'museum', name_zh: '博物馆与文化设施', name_en: 'Museum or cultural venue' },
      { kind: 'creative-base', name_zh: '文化产业基地', name_en: 'Creative industry base' }
    ]
  },
  {
    id: 'public-services',
    name_zh: '公共服务与城市生活',
    name_en: 'Public services and city life',
    colour: LAYER_COLOURS.publicServices,
    order: 40,
    legend: [
      { kind: 'commercial-district', name_zh: '商圈与步行街', name_en: 'Shopping district or street' },
      { kind: 'public-facility', name_zh: '公共设施', name_en: 'Public facility' }
    ]
  },
  {
    id: 'science',
    name_zh: '科技与教育',
    name_en: 'Science and education',
    colour: LAYER_COLOURS.science,
    order: 50,
    legend: [
      { kind: 'science-area', name_zh: '科创片区', name_en: 'Science and innovation area' },
      { kind: 'laboratory', name_zh: '实验室与科研机构', name_en: 'Laboratory or research institute' },
      { kind: 'university', name_zh: '高校', name_en: 'University' }
    ]
  },
  {
    id: 'energy',
    name_zh: '能源与水利',
    name_en: 'Energy and water',
    colour: LAYER_COLOURS.energy,
    order: 60,
    legend: [
      { kind: 'lng-terminal', name_zh: 'LNG接收站', name_en: 'LNG terminal' },
      { kind: 'oil-storage', name_zh: '原油储备', name_en: 'Crude oil storage' },
      { kind: 'energy-logistics', name_zh: '能源物流', name_en: 'Energy logistics' },
      { kind: 'industrial-base', name_zh: '能源与化工基地', name_en: 'Energy or chemical industry base' },
      { kind: 'water-works', name_zh: '水利工程', name_en: 'Water supply works' },
      { kind: 'offshore-wind', name_zh: '海上风电场', name_en: 'Offshore wind farm' },
      { kind: 'offshore-solar', name_zh: '海上光伏', name_en: 'Offshore solar farm' },
      { kind: 'equipment-base', name_zh: '新能源装备制造基地', name_en: 'Clean-energy equipment plant' },
      { kind: 'substation', name_zh: '变电站', name_en: 'Substation' }
    ]
  },
  {
    id: 'transport',
    name_zh: '交通',
    name_en: 'Transport',
    colour: LAYER_COLOURS.transport,
    order: 70,
    legend: [
      { kind: 'metro-line', name_zh: '地铁线路', name_en: 'Metro line' },
      { kind: 'metro-station', name_zh: '地铁车站', name_en: 'Metro station' },
      { kind: 'railway', name_zh: '铁路', name_en: 'Railway' },
      { kind: 'expressway', name_zh: '高速公路', name_en: 'Expressway' },
      { kind: 'tunnel', name_zh: '海底隧道', name_en: 'Undersea tunnel' },
      { kind: 'airport', name_zh: '机场', name_en: 'Airport' },
      { kind: 'port-area', name_zh: '港区', name_en: 'Port area' },
      { kind: 'logistics-hub', name_zh: '物流枢纽与基地', name_en: 'Logistics hub' }
    ]
  }
] as const satisfies readonly LayerInfo[];

export { LAYER_IDS, type LayerId };

/** The registry entry for a layer id, or undefined when the id is not a layer. */
export function layerInfo(id: string): LayerInfo | undefined {
  return LAYERS.find((layer) => layer.id === id);
}

/** Layer ids in draw order, bottom first. */
export function layersInDrawOrder(): LayerId[] {
  return [...LAYERS].sort((a, b) => a.order - b.order).map((layer) => layer.id);
}
