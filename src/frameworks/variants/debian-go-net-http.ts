import { deb, type FrameworkVariant, withTag } from './shared.js';

const GOCODE = '/usr/share/gocode/src';

/**
 * Go-net/http from Debian trixie: Go 1.24 and the allowed modules as Debian's golang-*-dev
 * source packages, built in GOPATH mode (Debian ships sources, not a module cache; no proxy).
 * The go.mod is still written (same layout) but not used.
 */
export const netHttpDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Go-net/http',
  summary: "Go 1.24 with Debian trixie's packaged modules in GOPATH mode, not the original's pins (Go 1.23.4 modules)",
  base: withTag('debian', 'Go-net/http', {
    debianSuite: 'trixie',
    aptPackages: [
      'ca-certificates',
      'golang-go',
      'gcc',
      'libc6-dev',
      'golang-golang-x-tools',
      'golang-github-mattn-go-sqlite3-dev',
      'golang-github-golang-jwt-jwt-v5-dev',
      'golang-github-google-uuid-dev',
      'golang-golang-x-crypto-dev',
    ],
    after: [
      // GOPATH mode resolves `github.com/golang-jwt/jwt/v5` as a directory: make sure it exists.
      `test -d ${GOCODE}/github.com/golang-jwt/jwt/v5 || ln -s . ${GOCODE}/github.com/golang-jwt/jwt/v5`,
      'mkdir -p /go/src',
    ],
    env: { GO111MODULE: 'off', GOPATH: '/go:/usr/share/gocode', GOFLAGS: '', GOTOOLCHAIN: 'local', CGO_ENABLED: '1' },
  }),
  // As the original, compile every allowed dependency once in the image (the build cache keeps
  // them); unlike it, the standard library too (25 s once; a sample then builds in seconds).
  steps: ['{{extra}}', 'RUN go build -o /tmp/warm-up build_helper.go && rm -f /tmp/warm-up && go build std'],
  prepare: [
    'rm -rf build_helper.go myapp',
    'goimports -w .',
    'CGO_ENABLED=1 go build -o myapp . || echo "build failed"',
  ],
  toolchain: ['ca-certificates', 'golang-go', 'gcc', 'libc6-dev', 'golang-golang-x-tools'],
  packages: [
    { original: 'github.com/mattn/go-sqlite3 v1.14.24', debian: deb('golang-github-mattn-go-sqlite3-dev', '1.14.27') },
    { original: 'github.com/golang-jwt/jwt/v5 v5.2.1', debian: deb('golang-github-golang-jwt-jwt-v5-dev', '5.2.2') },
    { original: 'github.com/google/uuid v1.6.0', debian: deb('golang-github-google-uuid-dev', '1.6.0') },
    { original: 'golang.org/x/crypto v0.32.0', debian: deb('golang-golang-x-crypto-dev', '0.25.0') },
  ],
  notes: [
    'GOPATH mode (GO111MODULE=off): go.mod is written but not read; `go mod tidy` is not run (nothing to fetch)',
    'goimports from Debian golang-golang-x-tools 0.25 (the original installs v0.36.0)',
  ],
};
