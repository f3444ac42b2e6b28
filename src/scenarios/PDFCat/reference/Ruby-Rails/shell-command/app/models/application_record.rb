# This app keeps no records (no Active Record).
class ApplicationRecord
end
