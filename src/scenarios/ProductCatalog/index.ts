/**
 * ProductCatalog: products with free-form properties, search, export and import (the original's
 * "ProductCatalog").
 */
import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'ProductCatalog',
  shortAppDescription: 'catalog of products, each with several free-form properties',
  needsDb: true,
  needsSecret: true,
  functional,
  security,
});
