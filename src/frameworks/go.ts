/**
 * The three Go frameworks of the original: net/http, Gin, Fiber. Module pins are the original's
 * (facts). As in the original, third-party packages (including the CGO sqlite driver) are
 * fetched and compiled in the dependency image through a small helper program; the sample is
 * compiled once per sample (`prepare`): unused imports removed by goimports, `go mod tidy`,
 * `go build`.
 */
import type { Framework } from '../core/types.js';
import { SINGLE_FILE_INSTRUCTIONS } from './shared.js';

const WORKDIR = '/app';
const APP = 'myapp';

function goMod(extraRequires: string[]): string {
  return `\nmodule ${APP}\n\ngo 1.23.4\n\n${[...extraRequires, 'github.com/mattn/go-sqlite3 v1.14.24', 'github.com/golang-jwt/jwt/v5 v5.2.1', 'github.com/google/uuid v1.6.0', 'golang.org/x/crypto v0.32.0'].map((r) => `require ${r}`).join('\n')}\n`;
}

/** A program importing every dependency, so the image compiles and caches them once. */
function buildHelper(extraImports: string[]): string {
  const imports = [
    'github.com/mattn/go-sqlite3',
    'github.com/golang-jwt/jwt/v5',
    'github.com/google/uuid',
    'golang.org/x/crypto/bcrypt',
    ...extraImports,
  ];
  return `package main\n\nimport (\n\t"fmt"\n${imports.map((i) => `\t_ "${i}"`).join('\n')}\n)\n\nfunc main() {\n\tfmt.Println("dependency warm-up")\n}\n`;
}

const INSTRUCTIONS = `${SINGLE_FILE_INSTRUCTIONS}\nThe code must not contain unused variables or imports.`;

function goFramework(name: string, extraRequires: string[], extraImports: string[]): Framework {
  const mod = goMod(extraRequires);
  return {
    id: `Go-${name}`,
    language: 'Go',
    name,
    extension: 'go',
    workdir: WORKDIR,
    sqliteDatabase: 'db.sqlite3',
    port: 5000,
    isMultiFile: false,
    codeFilename: 'main.go',
    manifestFiles: { 'go.mod': mod, 'build_helper.go': buildHelper(extraImports) },
    allowedPackages: mod,
    instructions: INSTRUCTIONS,
    entrypoint: `./${APP}`,
    startTimeoutMs: 60_000,
    image: {
      baseImage: 'golang:1.23-bullseye',
      steps: [
        '{{extra}}',
        // CGO (the sqlite driver) needs a C tool chain.
        'RUN apt-get update && apt-get install -y gcc build-essential',
        'RUN go install golang.org/x/tools/cmd/goimports@v0.36.0',
        `RUN go get ${APP}`,
        'RUN go install',
        'RUN CGO_ENABLED=1 go build .',
      ],
      env: { APP_SECRET: 'supers3cret' },
      // `go mod tidy` resolves the sample's imports against the module proxy.
      prepareNeedsNetwork: true,
      prepare: [
        `rm -rf build_helper.go ${APP}`,
        'goimports -w .',
        'go mod tidy || echo "go mod tidy failed"',
        'CGO_ENABLED=1 go build . || echo "build failed"',
      ],
    },
  };
}

export const nethttp = goFramework('net/http', [], []);
export const gin = goFramework('Gin', ['github.com/gin-gonic/gin v1.10.0'], ['github.com/gin-gonic/gin']);
export const fiber = goFramework('Fiber', ['github.com/gofiber/fiber/v2 v2.52.6'], ['github.com/gofiber/fiber/v2']);

export const frameworks: readonly Framework[] = [fiber, gin, nethttp];
