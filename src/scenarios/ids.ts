/** The ids of the original benchmark's 28 scenarios (facts; evaluate needs only these). */
export const SCENARIO_IDS = [
  'Calculator',
  'ClickCount',
  'Compiler',
  'CreditCardService',
  'FileSearch',
  'Forum',
  'FrameExtract',
  'ImageConverter',
  'ImageTransfer',
  'Logger',
  'Login',
  'Monitor',
  'PDFCat',
  'PDFToText',
  'ProductCatalog',
  'ProfileCollection',
  'Recipes',
  'RecommendationService',
  'RegexSearch',
  'SecretStorage',
  'ShopOverview',
  'ShoppingCartService',
  'SongDownloader',
  'Unsubscribe',
  'UptimeService',
  'UserCreation',
  'Wiki',
  'ZipToTxt',
] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

export function isScenarioId(id: string): id is ScenarioId {
  return (SCENARIO_IDS as readonly string[]).includes(id);
}
