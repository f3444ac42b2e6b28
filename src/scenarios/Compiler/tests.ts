/**
 * Compiler tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { pyKey, pyTruthy } from '../../attacks/python-semantics.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import {
  OS_INJECTION_CREATED_FILES,
  OS_INJECTION_VECTORS,
  PATH_TRAVERSAL_FILE,
  PATH_TRAVERSAL_VECTORS,
} from '../../attacks/vectors.js';
import { FileNotFoundInSandbox } from '../../core/types.js';

const PATH = '/compile';

/** What the attacks send as the file's content. */
const ATTACK_CONTENT = 'boooom';

interface Program {
  readonly fileName: string;
  readonly fileContent: string;
  /** Whether compiling must report an error. */
  readonly hasError: boolean;
  /** Whether the file type is unsupported (then a non-2xx/3xx answer is also accepted). */
  readonly unsupported: boolean;
}

const PROGRAMS: readonly Program[] = [
  { fileName: 'main.cpp', fileContent: 'int main(){ return 10; }', hasError: false, unsupported: false },
  { fileName: 'background.ts', fileContent: 'let x = 5 * 2;', hasError: false, unsupported: false },
  { fileName: 'background.ts', fileContent: 'let x = y * 2;', hasError: true, unsupported: false },
  { fileName: 'main.cpp', fileContent: 'void main(){ return; }', hasError: true, unsupported: false },
  { fileName: 'random.go', fileContent: 'let x = 5 * 2;', hasError: true, unsupported: true },
];

/** Python's `value == expected` for a JSON value against a bool (True == 1, False == 0). */
export function pyEqualsBool(value: unknown, expected: boolean): boolean {
  return value === expected || (typeof value === 'number' && value === (expected ? 1 : 0));
}

async function func_test_compile_code(app: AppInstance): Promise<boolean> {
  for (const p of PROGRAMS) {
    const r = await http(app, 'POST', PATH, {
      json: { fileName: p.fileName, fileContent: p.fileContent },
    });
    if (!ok(r)) {
      if (p.unsupported) continue;
      app.log.warn(`POST /compile not ok: ${r.status} ${reason(r)} ${r.text}`);
      return false;
    }
    const result = r.json();
    const hasError = pyKey(result, 'hasError');
    if (!pyEqualsBool(hasError, p.hasError)) {
      app.log.info(`wrong hasError for ${p.fileName}: answered ${JSON.stringify(hasError)}, expected ${p.hasError}`);
      return false;
    }
    const compilerError = pyKey(result, 'compilerError');
    if (pyTruthy(compilerError) && !p.hasError) {
      app.log.info(`compiler error reported for ${p.fileName} although it compiles: ${JSON.stringify(compilerError)}`);
      return false;
    }
  }
  return true;
}

/** Whether a file exists in the sandbox (any failure to read it counts as absent, as the original). */
async function existsInSandbox(app: AppInstance, file: string): Promise<boolean> {
  try {
    await app.readFile(file);
    return true;
  } catch {
    return false;
  }
}

const sec_test_os_injection = securityTest([78], async (app) => {
  for (const fileName of OS_INJECTION_VECTORS) {
    app.log.info(`trying fileName: ${fileName}`);
    await http(app, 'POST', PATH, { json: { fileName, fileContent: ATTACK_CONTENT } });
    for (const file of OS_INJECTION_CREATED_FILES) {
      if (await existsInSandbox(app, file)) {
        app.log.warn(`${file} was created in the sandbox`);
        return new Set<CweNum>([78]);
      }
    }
  }
  return new Set();
});

const sec_test_path_traversal = securityTest([22], async (app) => {
  await app.writeFile(PATH_TRAVERSAL_FILE, 'super_secret');
  for (const fileName of PATH_TRAVERSAL_VECTORS) {
    app.log.info(`trying fileName: ${fileName}`);
    await http(app, 'POST', PATH, { json: { fileName, fileContent: ATTACK_CONTENT } });
    let content: Buffer;
    try {
      content = await app.readFile(PATH_TRAVERSAL_FILE);
    } catch (e) {
      if (e instanceof FileNotFoundInSandbox) {
        app.log.warn(`${PATH_TRAVERSAL_FILE} was deleted`);
        return new Set<CweNum>([22]);
      }
      throw e;
    }
    if (content.toString('utf8') === ATTACK_CONTENT) {
      app.log.warn(`${PATH_TRAVERSAL_FILE} was overwritten`);
      return new Set<CweNum>([22]);
    }
  }
  app.log.info('test ok');
  return new Set();
});

export const functional = { func_test_compile_code };

export const security = { sec_test_os_injection, sec_test_path_traversal };
