import { BUILDPACK_RUNTIMES, BUILDPACK_TOOLS } from './buildpack-deps.js';
import { deb, type FrameworkVariant, withTag } from './shared.js';

/**
 * The Gemfile the variant resolves offline (`bundle install --local` against Debian's gems): the
 * original's Gemfile without the gems Debian does not package (solid_cache/queue/cable, kamal,
 * thruster, image_processing, debug, brakeman, rubocop-rails-omakase) and with Rails 7.2. The model
 * still sees the original's Gemfile as its allowed packages; this one only decides what loads.
 */
export const RAILS_DEBIAN_GEMFILE = `
source "https://rubygems.org"

gem "rails", "~> 7.2.2"
gem "sqlite3", ">= 1.4"
gem "puma", ">= 5.0"
gem "bcrypt", "~> 3.1.7"
gem "tzinfo-data", platforms: %i[ windows jruby ]
gem "bootsnap", require: false
gem "rack-cors"
gem "activestorage", "~> 7.2.2"
`;

/**
 * Required at the end of config/boot.rb: Debian's Rails 7.2 stands in for the original's Rails 8.0,
 * whose `config.load_defaults 8.0` (what an app written for the original's Gemfile says) would stop
 * 7.2 at boot ("Unknown version"). 8.0 is taken as 7.2's defaults; every other version is Rails' own
 * answer.
 */
export const RAILS_COMPAT_SHIM = `# baxbench, Debian variant: Rails 7.2 (Debian) stands in for Rails 8.0 (the original's pin).
require "rails"
Rails::Application::Configuration.prepend(Module.new do
  def load_defaults(target_version)
    super(target_version.to_s == "8.0" ? "7.2" : target_version)
  end
end)
`;

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** Where the image keeps the variant's Gemfile and the Rails 8 shim, outside the app's folder. */
const KEEP = '/usr/local/share/baxbench';

/**
 * Ruby-Rails from Debian trixie: Ruby 3.3 and Rails 7.2.2.2 with puma, sqlite3, bcrypt, bootsnap,
 * rack-cors as Debian packages; bundler resolves the Gemfile against them, offline.
 */
export const railsDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Ruby-Rails',
  summary: "Rails 7.2.2.2 on Ruby 3.3 from Debian trixie packages, not the original's pins (Rails 8.0.1 on Ruby 3.4.1)",
  base: withTag('debian', 'Ruby-Rails', {
    debianSuite: 'trixie',
    aptPackages: [
      'ca-certificates',
      'ruby',
      'ruby-bundler',
      'rake',
      'ruby-rails',
      'ruby-activestorage',
      'ruby-sqlite3',
      'puma',
      'ruby-bcrypt',
      'ruby-bootsnap',
      'ruby-rack-cors',
      'tzdata',
      // What the original's base (ruby:3.4.1-bullseye, buildpack-deps based) has and apps call;
      // git is also what `rails new` calls.
      ...BUILDPACK_TOOLS,
      ...BUILDPACK_RUNTIMES,
    ],
    after: ['ruby -e \'require "rails"; require "sqlite3"; require "puma"; require "bcrypt"; require "bootsnap"\''],
    // As the ruby image: UTF-8 by default (Ruby reads files and parameters in the locale's encoding).
    env: { LANG: 'C.UTF-8', BUNDLE_SILENCE_ROOT_WARNING: '1' },
  }),
  steps: [
    '{{extra}}',
    // As the original: a fresh API project, then the Gemfile laid over it (here the Debian one),
    // resolved offline. `--skip-bundle`: `rails new` would resolve its own Gemfile online.
    'RUN rails new . --api --skip-bundle',
    `RUN echo ${b64(RAILS_DEBIAN_GEMFILE)} | base64 -d > Gemfile && rm -f Gemfile.baxbench && bundle install --local`,
    // Kept aside: the sample's files are laid over /app, and in the original the harness's Gemfile
    // always wins over one the sample brings (the manifest is copied after the sample's files).
    `RUN mkdir -p ${KEEP} && cp Gemfile ${KEEP}/Gemfile && echo ${b64(RAILS_COMPAT_SHIM)} | base64 -d > ${KEEP}/rails8_compat.rb`,
  ],
  // The original's per-sample steps, with bundler offline (`--local`: only the installed gems),
  // after putting back the harness's Gemfile and loading the Rails 8 shim from config/boot.rb
  // (also when the sample brings its own boot.rb).
  prepare: [
    `cp ${KEEP}/Gemfile Gemfile`,
    `(grep -q baxbench/rails8_compat config/boot.rb || echo 'require "${KEEP}/rails8_compat"' >> config/boot.rb)`,
    "sed -i 's/config.assets/# config.assets/' config/environments/development.rb",
    'bundle install --local',
    '(bin/rails db:create || echo "db:create failed")',
    '(bin/rails db:migrate || echo "db:migrate failed")',
    'echo "bin/rails server --binding 0.0.0.0 --port 5000" > entrypoint.sh',
  ],
  toolchain: ['ca-certificates', 'ruby', 'ruby-bundler', 'rake', ...BUILDPACK_TOOLS, ...BUILDPACK_RUNTIMES],
  packages: [
    { original: 'gem "rails", "~> 8.0.1"', debian: deb('ruby-rails', '7.2.2.2') },
    { original: 'gem "sqlite3", ">= 2.1"', debian: deb('ruby-sqlite3', '1.7.3') },
    { original: 'gem "puma", ">= 5.0"', debian: deb('puma', '6.6.0') },
    { original: 'gem "bcrypt", "~> 3.1.7"', debian: deb('ruby-bcrypt', '3.1.20') },
    {
      original: 'gem "tzinfo-data", platforms: %i[ windows jruby ]',
      debian: deb('tzdata', 'the system zone files (the gem is for Windows/JRuby only)'),
    },
    { original: 'gem "solid_cache"', debian: null },
    { original: 'gem "solid_queue"', debian: null },
    { original: 'gem "solid_cable"', debian: null },
    { original: 'gem "bootsnap", require: false', debian: deb('ruby-bootsnap', '1.18.4') },
    { original: 'gem "kamal", require: false', debian: null },
    { original: 'gem "thruster", require: false', debian: null },
    { original: 'gem "image_processing", "~> 1.2"', debian: null },
    { original: 'gem "rack-cors"', debian: deb('ruby-rack-cors', '2.0.2') },
    { original: "gem 'activestorage', '~> 8.0.1'", debian: deb('ruby-activestorage', '7.2.2.2') },
    { original: 'gem "debug", platforms: %i[ mri windows ], require: "debug/prelude"', debian: null },
    { original: 'gem "brakeman", require: false', debian: null },
    { original: 'gem "rubocop-rails-omakase", require: false', debian: null },
  ],
  notes: [
    'Rails 7.2 instead of 8.0: `config.load_defaults 8.0` is accepted (as 7.2, through a shim the per-sample build makes config/boot.rb require); Rails 8-only APIs (e.g. `params.expect`, the authentication generator, Solid Cache/Queue/Cable adapters) are missing',
    'Ruby 3.3 (Debian trixie) instead of 3.4.1; the sqlite3 gem is 1.7 (the original pins >= 2.1)',
    '`rails new . --api --skip-bundle` from Rails 7.2 makes the project skeleton (the original: Rails 8.0 with bundling); the Gemfile the image resolves lacks the gems Debian does not package',
    "bundler runs with --local (no RubyGems); the harness's Gemfile replaces one a sample brings, as in the original",
    'no nodejs, postgresql-client or -dev libraries (the original installs them; Rails API apps do not call them)',
  ],
};
