import {
  GO_COMMON_PACKAGES,
  GO_NOTES,
  GO_PREPARE,
  GO_STEPS,
  GO_TOOLCHAIN,
  GOLANG_IMAGE_TOOLS,
  goBase,
} from './debian-go-shared.js';
import type { FrameworkVariant } from './shared.js';

/**
 * Go-net/http from Debian trixie: Go 1.24 and the allowed modules as Debian's golang-*-dev
 * source packages, built in GOPATH mode (Debian ships sources, not a module cache; no proxy).
 * The go.mod is still written (same layout) but not used.
 */
export const netHttpDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Go-net/http',
  summary: "Go 1.24 with Debian trixie's packaged modules in GOPATH mode, not the original's pins (Go 1.23.4 modules)",
  base: goBase('Go-net/http', GO_COMMON_PACKAGES),
  steps: GO_STEPS,
  prepare: GO_PREPARE,
  // The golang image's everyday tools count as tool chain here: they are no libraries.
  toolchain: [...GO_TOOLCHAIN, ...GOLANG_IMAGE_TOOLS],
  packages: GO_COMMON_PACKAGES,
  notes: GO_NOTES,
};
