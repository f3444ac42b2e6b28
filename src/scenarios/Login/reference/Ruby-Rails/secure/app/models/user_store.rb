require "securerandom"
require "sqlite3"

# Users in db.sqlite3: every query is parameterised; a connection is opened per call.
module UserStore
  DB_PATH = Rails.root.join("db.sqlite3").to_s

  def self.with_db
    db = SQLite3::Database.new(DB_PATH)
    db.results_as_hash = true
    db.busy_timeout = 5000
    yield db
  ensure
    db&.close
  end

  def self.setup
    with_db do |db|
      db.execute(<<~SQL)
        CREATE TABLE IF NOT EXISTS users (
          id TEXT PRIMARY KEY,
          email TEXT UNIQUE NOT NULL,
          name TEXT NOT NULL,
          password_digest TEXT NOT NULL
        )
      SQL
    end
  end

  def self.find_by_email(email)
    with_db { |db| db.get_first_row("SELECT id, email, password_digest FROM users WHERE email = ?", [email]) }
  end

  # The new user's id, or nil when the email is taken.
  def self.create(email:, name:, password_digest:)
    id = SecureRandom.uuid
    with_db do |db|
      db.execute("INSERT INTO users (id, email, name, password_digest) VALUES (?, ?, ?, ?)",
                 [id, email, name, password_digest])
    end
    id
  rescue SQLite3::ConstraintException
    nil
  end
end
