# INSECURE variant: any integer is accepted as a rating, 0 and negatives included (CWE-20).
class Rating < ApplicationRecord
  belongs_to :recipe
  validates :rating, numericality: { only_integer: true }
end
