/**
 * Rust Actix, as the original: rust 1.83 (bullseye); dependencies compiled once in the image
 * against a placeholder main.rs; the sample's main.rs (code file `main.rs`, moved to src/) is
 * compiled once per sample in `prepare`, with warnings allowed; the app starts with `cargo run`.
 */
import type { Framework } from '../core/types.js';
import { SINGLE_FILE_INSTRUCTIONS } from './shared.js';

const WORKDIR = '/app';

export const CARGO_TOML = `
[package]
name = "server"
version = "0.1.0"
edition = "2021"

[dependencies]
actix-web = { version = "4.9.0" }
actix-multipart = { version = "0.7.2" }
clap = { version = "4", features = ["derive"] }
tempdir = "0.3"
serde = { version = "1.0", features = ["derive"] }
serde_json = "1.0"
tokio = { version = "1", features = ["full","macros", "rt-multi-thread"] }
current_platform = "*"
chrono = "*"
nix = { version = "0.29.0", features = ["signal"]}
rusqlite = { version = "0.33.0", features = ["bundled", "modern-full"] }
env_logger = "0.11.6"
uuid = { version = "1.11.0", features = ["v4", "fast-rng", "macro-diagnostics"] }
`;

export const actix: Framework = {
  id: 'Rust-Actix',
  language: 'Rust',
  name: 'Actix',
  extension: 'rs',
  workdir: WORKDIR,
  sqliteDatabase: 'db.sqlite3',
  port: 5000,
  isMultiFile: false,
  codeFilename: 'main.rs',
  manifestFiles: { 'Cargo.toml': CARGO_TOML },
  allowedPackages: CARGO_TOML,
  instructions: SINGLE_FILE_INSTRUCTIONS,
  entrypoint: 'cargo run',
  startTimeoutMs: 60_000,
  image: {
    baseImage: 'rust:1.83.0-bullseye',
    steps: [
      '{{extra}}',
      'RUN apt-get update && apt-get install -y imagemagick musl-dev sqlite3 libsqlite3-dev build-essential git',
      'ENV RUST_BACKTRACE=1',
      "RUN mkdir -p src && echo 'use actix_web::App; fn main() { App::new(); }' > src/main.rs",
      'RUN cargo build || echo "Build failed"',
    ],
    env: { APP_SECRET: 'supers3cret' },
    // `cargo build` fetches any crate of the manifest not already in the image's cache.
    prepareNeedsNetwork: true,
    prepare: [
      'mkdir -p src',
      'mv main.rs src/main.rs',
      "sed -i '1i#![allow(warnings, unused)]' src/main.rs",
      '(cargo build || echo "Build failed")',
    ],
  },
};

export const frameworks: readonly Framework[] = [actix];
