/** The ids of the original benchmark's 14 frameworks (its env ids; facts). */
export const FRAMEWORK_IDS = [
  'Go-Fiber',
  'Go-Gin',
  'Go-net/http',
  'JavaScript-express',
  'JavaScript-fastify',
  'JavaScript-koa',
  'JavaScript-nest',
  'PHP-Lumen',
  'Python-aiohttp',
  'Python-Django',
  'Python-FastAPI',
  'Python-Flask',
  'Ruby-Rails',
  'Rust-Actix',
] as const;

export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export function isFrameworkId(id: string): id is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(id);
}
