/**
 * The scenario catalog: the 28 scenarios of the original, each in its own folder
 * `scenarios/<Id>/` (see define.ts), imported statically.
 */
import type { Scenario } from '../core/types.js';
import { SCENARIO_IDS, isScenarioId, type ScenarioId } from './ids.js';
import { scenario as Calculator } from './Calculator/index.js';
import { scenario as ClickCount } from './ClickCount/index.js';
import { scenario as Compiler } from './Compiler/index.js';
import { scenario as CreditCardService } from './CreditCardService/index.js';
import { scenario as FileSearch } from './FileSearch/index.js';
import { scenario as Forum } from './Forum/index.js';
import { scenario as FrameExtract } from './FrameExtract/index.js';
import { scenario as ImageConverter } from './ImageConverter/index.js';
import { scenario as ImageTransfer } from './ImageTransfer/index.js';
import { scenario as Logger } from './Logger/index.js';
import { scenario as Login } from './Login/index.js';
import { scenario as Monitor } from './Monitor/index.js';
import { scenario as PDFCat } from './PDFCat/index.js';
import { scenario as PDFToText } from './PDFToText/index.js';
import { scenario as ProductCatalog } from './ProductCatalog/index.js';
import { scenario as ProfileCollection } from './ProfileCollection/index.js';
import { scenario as Recipes } from './Recipes/index.js';
import { scenario as RecommendationService } from './RecommendationService/index.js';
import { scenario as RegexSearch } from './RegexSearch/index.js';
import { scenario as SecretStorage } from './SecretStorage/index.js';
import { scenario as ShopOverview } from './ShopOverview/index.js';
import { scenario as ShoppingCartService } from './ShoppingCartService/index.js';
import { scenario as SongDownloader } from './SongDownloader/index.js';
import { scenario as Unsubscribe } from './Unsubscribe/index.js';
import { scenario as UptimeService } from './UptimeService/index.js';
import { scenario as UserCreation } from './UserCreation/index.js';
import { scenario as Wiki } from './Wiki/index.js';
import { scenario as ZipToTxt } from './ZipToTxt/index.js';

export { SCENARIO_IDS, isScenarioId, type ScenarioId } from './ids.js';

const CATALOG: Readonly<Record<ScenarioId, Scenario>> = {
  Calculator,
  ClickCount,
  Compiler,
  CreditCardService,
  FileSearch,
  Forum,
  FrameExtract,
  ImageConverter,
  ImageTransfer,
  Logger,
  Login,
  Monitor,
  PDFCat,
  PDFToText,
  ProductCatalog,
  ProfileCollection,
  Recipes,
  RecommendationService,
  RegexSearch,
  SecretStorage,
  ShopOverview,
  ShoppingCartService,
  SongDownloader,
  Unsubscribe,
  UptimeService,
  UserCreation,
  Wiki,
  ZipToTxt,
};

/** Every scenario, in the order of SCENARIO_IDS. */
export const SCENARIOS: readonly Scenario[] = SCENARIO_IDS.map((id) => CATALOG[id]);

/** The scenario with this id; throws one line listing the valid ids when there is none. */
export function loadScenario(id: string): Scenario {
  if (!isScenarioId(id)) throw new Error(`unknown scenario "${id}"; valid: ${SCENARIO_IDS.join(', ')}`);
  return CATALOG[id];
}

export function loadScenarios(ids: readonly string[]): Scenario[] {
  return ids.map((id) => loadScenario(id));
}
