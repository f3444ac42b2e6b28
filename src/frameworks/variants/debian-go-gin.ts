import {
  GO_COMMON_PACKAGES,
  GO_NOTES,
  GO_PREPARE,
  GO_STEPS,
  GO_TOOLCHAIN,
  GOLANG_IMAGE_TOOLS,
  goBase,
} from './debian-go-shared.js';
import { deb, type FrameworkVariant, type PackageMapping } from './shared.js';

/** Gin first, as the original's go.mod lists it, then the modules every Go framework allows. */
const packages: readonly PackageMapping[] = [
  { original: 'github.com/gin-gonic/gin v1.10.0', debian: deb('golang-github-gin-gonic-gin-dev', '1.8.1') },
  ...GO_COMMON_PACKAGES,
];

/**
 * Go-Gin from Debian trixie: Gin 1.8.1 (with its dependencies as Debian packages: validator
 * 10.4, ugorji codec 1.2.8, go-toml 2.2 …) on Go 1.24, GOPATH mode, as the Go-net/http variant.
 */
export const ginDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Go-Gin',
  summary:
    "Gin 1.8.1 on Go 1.24 from Debian trixie packages in GOPATH mode, not the original's pins (Gin 1.10.0, Go 1.23.4 modules)",
  base: goBase('Go-Gin', packages),
  steps: GO_STEPS,
  prepare: GO_PREPARE,
  toolchain: [...GO_TOOLCHAIN, ...GOLANG_IMAGE_TOOLS],
  packages,
  notes: [
    ...GO_NOTES,
    'Gin 1.8.1 lacks what 1.9 and 1.10 added (e.g. OptionFunc arguments to gin.New/gin.Default, Context.ShouldBindBodyWithJSON); its validator is go-playground/validator 10.4.1 (Gin 1.10 pins 10.20)',
  ],
};
