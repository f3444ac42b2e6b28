# No Active Record in this app: users live in db.sqlite3, reached through the sqlite3 gem (see UserStore).
class ApplicationRecord
end
