class Rating < ApplicationRecord
  belongs_to :recipe
  validates :rating, numericality: { only_integer: true, in: 1..5 }
end
