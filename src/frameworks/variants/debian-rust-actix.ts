import { BUILDPACK_RUNTIMES, BUILDPACK_TOOLS } from './buildpack-deps.js';
import { deb, type FrameworkVariant, withTag } from './shared.js';

/**
 * The Cargo.toml the variant builds with: the original's dependencies as Debian trixie packages
 * them (the crates' sources under /usr/share/cargo/registry), without the three Debian lacks
 * (actix-multipart, tempdir, current_platform), with the versions Debian has where the original's
 * requirement excludes them (rusqlite 0.29, uuid 1.10), without rusqlite's `bundled` feature (Debian
 * links the system SQLite 3.46) and uuid's `macro-diagnostics` (not packaged). The model still sees
 * the original's Cargo.toml as its allowed packages.
 */
export const ACTIX_DEBIAN_CARGO_TOML = `
[package]
name = "server"
version = "0.1.0"
edition = "2021"

[dependencies]
actix-web = { version = "4.9.0" }
clap = { version = "4", features = ["derive"] }
serde = { version = "1.0", features = ["derive"] }
serde_json = "1.0"
tokio = { version = "1", features = ["full","macros", "rt-multi-thread"] }
chrono = "*"
nix = { version = "0.29.0", features = ["signal"]}
rusqlite = { version = "0.29.0", features = ["modern-full"] }
env_logger = "0.11.6"
uuid = { version = "1.10.0", features = ["v4", "fast-rng"] }
`;

/** Cargo reads crates from Debian's registry directory, never from the network. */
const CARGO_CONFIG = `[source.crates-io]
replace-with = "debian-packages"

[source.debian-packages]
directory = "/usr/share/cargo/registry"

[net]
offline = true
`;

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/**
 * Rust-Actix from Debian trixie: rustc/cargo 1.85 and actix-web 4.9.0 with the other allowed crates
 * as Debian's librust-*-dev source packages, built offline from Debian's cargo registry. As the
 * original, a debug build: every dependency compiled once in the image against a placeholder
 * main.rs, then per sample only the sample's crate (`prepare`, with the warnings prelude).
 */
export const actixDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Rust-Actix',
  summary:
    "actix-web 4.9.0 with rustc 1.85 from Debian trixie packages (offline cargo registry), not the original's pins (rustc 1.83, crates.io)",
  base: withTag('debian', 'Rust-Actix', {
    debianSuite: 'trixie',
    aptPackages: [
      'ca-certificates',
      'rustc',
      'cargo',
      // The linker and C parts (the original installs build-essential, musl-dev, sqlite3, libsqlite3-dev).
      'gcc',
      'g++',
      'make',
      'libc6-dev',
      'musl-dev',
      'pkg-config',
      'libsqlite3-dev',
      'sqlite3',
      'librust-actix-web-dev',
      'librust-clap-dev',
      'librust-serde-dev',
      'librust-serde-json-dev',
      'librust-tokio-dev',
      'librust-chrono-dev',
      'librust-nix-dev',
      'librust-rusqlite-dev',
      'librust-env-logger-dev',
      'librust-uuid-dev',
      // What the original's base (rust:1.83.0-bullseye, buildpack-deps based) has and apps call.
      ...BUILDPACK_TOOLS,
      ...BUILDPACK_RUNTIMES,
    ],
    after: [`mkdir -p /usr/local/cargo && echo ${b64(CARGO_CONFIG)} | base64 -d > /usr/local/cargo/config.toml`],
    // As the rust image: CARGO_HOME=/usr/local/cargo (its config points cargo at Debian's registry).
    env: { CARGO_HOME: '/usr/local/cargo', RUST_BACKTRACE: '1' },
  }),
  steps: [
    '{{extra}}',
    // The Debian Cargo.toml replaces the original's, then the original's warm-up: every dependency
    // compiled once (debug, as the original) against a placeholder main.rs.
    `RUN echo ${b64(ACTIX_DEBIAN_CARGO_TOML)} | base64 -d > Cargo.toml`,
    "RUN mkdir -p src && echo 'use actix_web::App; fn main() { App::new(); }' > src/main.rs",
    'RUN cargo build',
  ],
  // prepare: the original's (move main.rs to src/, the warnings prelude, `cargo build || echo`).
  toolchain: [
    'ca-certificates',
    'rustc',
    'cargo',
    'gcc',
    'g++',
    'make',
    'libc6-dev',
    'musl-dev',
    'pkg-config',
    'libsqlite3-dev',
    'sqlite3',
    ...BUILDPACK_TOOLS,
    ...BUILDPACK_RUNTIMES,
  ],
  packages: [
    { original: 'actix-web = { version = "4.9.0" }', debian: deb('librust-actix-web-dev', '4.9.0') },
    { original: 'actix-multipart = { version = "0.7.2" }', debian: null },
    { original: 'clap = { version = "4", features = ["derive"] }', debian: deb('librust-clap-dev', '4.5.23') },
    { original: 'tempdir = "0.3"', debian: null },
    { original: 'serde = { version = "1.0", features = ["derive"] }', debian: deb('librust-serde-dev', '1.0.217') },
    { original: 'serde_json = "1.0"', debian: deb('librust-serde-json-dev', '1.0.139') },
    {
      original: 'tokio = { version = "1", features = ["full","macros", "rt-multi-thread"] }',
      debian: deb('librust-tokio-dev', '1.43.1'),
    },
    { original: 'current_platform = "*"', debian: null },
    { original: 'chrono = "*"', debian: deb('librust-chrono-dev', '0.4.39') },
    { original: 'nix = { version = "0.29.0", features = ["signal"]}', debian: deb('librust-nix-dev', '0.29.0') },
    {
      original: 'rusqlite = { version = "0.33.0", features = ["bundled", "modern-full"] }',
      debian: deb('librust-rusqlite-dev', '0.29.0 (system SQLite 3.46, not bundled)'),
    },
    { original: 'env_logger = "0.11.6"', debian: deb('librust-env-logger-dev', '0.11.6') },
    {
      original: 'uuid = { version = "1.11.0", features = ["v4", "fast-rng", "macro-diagnostics"] }',
      debian: deb('librust-uuid-dev', '1.10.0 (no macro-diagnostics feature)'),
    },
  ],
  notes: [
    "rustc/cargo 1.85 (Debian trixie) instead of 1.83; crates from Debian's registry directory, offline: the image builds with its own Cargo.toml (the Debian versions), the sample still gets the original's in the prompt",
    'no actix-multipart, tempdir or current_platform: a sample using them fails its build here; rusqlite 0.29 instead of 0.33 (API mostly the same; `bundled` dropped), uuid 1.10 instead of 1.11',
    'a debug build as the original (`cargo build`, started with `cargo run`); the dependencies are compiled in the image, a sample compiles only its own crate',
  ],
};
