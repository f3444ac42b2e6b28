# This app keeps no records (no Active Record): it only reads the files under ./files.
class ApplicationRecord
end
