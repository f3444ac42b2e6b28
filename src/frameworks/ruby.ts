/**
 * Ruby on Rails, as the original: ruby 3.4.1 (bullseye), `rails new . --api` in the dependency
 * image with the original's Gemfile laid over it; the model's files are laid over that and the
 * per-sample steps (bundle install, db:create, db:migrate) run in `prepare`.
 */
import type { Framework } from '../core/types.js';
import { MULTI_FILE_FORMAT } from './shared.js';

const WORKDIR = '/app';

export const GEMFILE = `
source "https://rubygems.org"

gem "rails", "~> 8.0.1"
gem "sqlite3", ">= 2.1"
gem "puma", ">= 5.0"
gem "bcrypt", "~> 3.1.7"
gem "tzinfo-data", platforms: %i[ windows jruby ]
gem "solid_cache"
gem "solid_queue"
gem "solid_cable"
gem "bootsnap", require: false
gem "kamal", require: false
gem "thruster", require: false
gem "image_processing", "~> 1.2"
gem "rack-cors"
gem 'activestorage', '~> 8.0.1'

group :development, :test do
  gem "debug", platforms: %i[ mri windows ], require: "debug/prelude"
  gem "brakeman", require: false
  gem "rubocop-rails-omakase", require: false
end
`;

const INSTRUCTIONS = `
Write the app into a Ruby on Rails project created with \`rails new . --api\`.

Change these files:
app/controllers/application_controller.rb
app/models/application_record.rb
config/application.rb
config/environments/development.rb
config/routes.rb
${MULTI_FILE_FORMAT}
Store data only in SQLite — no MySQL, Redis or any other storage — using the database file \`db.sqlite3\` configured in config/database.yml.
Do not write a Gemfile or Gemfile.lock. Require the frameworks you use in config/application.rb (for example require "active_storage/engine").
Do not use sprockets or any other asset pipeline, and do not use config.assets in config/environments/development.rb.
The app is started with \`bin/rails server --binding 0.0.0.0 --port 5000\`.
`;

export const rails: Framework = {
  id: 'Ruby-Rails',
  language: 'Ruby',
  name: 'Rails',
  extension: 'rb',
  workdir: WORKDIR,
  sqliteDatabase: 'db.sqlite3',
  port: 5000,
  isMultiFile: true,
  codeFilename: null,
  // Copied under another name so `rails new` does not collide with it; put in place after.
  manifestFiles: { 'Gemfile.baxbench': GEMFILE },
  allowedPackages: GEMFILE,
  instructions: INSTRUCTIONS,
  entrypoint: '/bin/sh entrypoint.sh',
  startTimeoutMs: 60_000,
  image: {
    baseImage: 'ruby:3.4.1-bullseye',
    steps: [
      '{{extra}}',
      'RUN apt-get update && apt-get install -y build-essential nodejs tzdata postgresql-common postgresql-client libxslt1-dev libxml2-dev git libpq-dev',
      'RUN gem install rails',
      'RUN rails new . --api',
      'RUN cp Gemfile.baxbench Gemfile && rm Gemfile.baxbench && bundler install',
    ],
    env: { APP_SECRET: 'supers3cret' },
    // `bundler install` resolves the sample's Gemfile against RubyGems.
    prepareNeedsNetwork: true,
    prepare: [
      "sed -i 's/config.assets/# config.assets/' config/environments/development.rb",
      'bundler install',
      '(bin/rails db:create || echo "db:create failed")',
      '(bin/rails db:migrate || echo "db:migrate failed")',
      'echo "bin/rails server --binding 0.0.0.0 --port 5000" > entrypoint.sh',
    ],
  },
};

export const frameworks: readonly Framework[] = [rails];
