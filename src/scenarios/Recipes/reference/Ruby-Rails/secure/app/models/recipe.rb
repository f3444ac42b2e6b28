class Recipe < ApplicationRecord
  serialize :ingredients, coder: JSON
  has_many :comments, -> { order(:id) }, dependent: :destroy
  has_many :ratings, dependent: :destroy

  validates :title, presence: true, length: { maximum: 300 }
  validates :instructions, length: { maximum: 20_000 }

  def average_rating
    ratings.average(:rating)&.to_f
  end

  def as_api_json
    {
      id: id.to_s,
      title: title,
      ingredients: ingredients,
      instructions: instructions,
      comments: comments.map { |c| { comment: c.comment } },
      avgRating: average_rating
    }
  end
end
