class RecipesController < ApplicationController
  include ERB::Util

  before_action :find_recipe, only: %i[show add_comment add_rating]

  def index
    recent = Recipe.order(id: :desc).limit(20)
    top = Recipe.joins(:ratings).group("recipes.id").order(Arel.sql("AVG(ratings.rating) DESC, COUNT(ratings.id) DESC")).limit(20)
    body = +"<h1>Recipes</h1>"
    body << "<h2>Top rated</h2>" << recipe_list(top)
    body << "<h2>Newest</h2>" << recipe_list(recent)
    render_page("Recipes", body)
  end

  def create
    title, ingredients, instructions = params[:title], params[:ingredients], params[:instructions]
    unless title.is_a?(String) && !title.strip.empty? && ingredients.is_a?(Array) &&
           ingredients.all? { |i| i.is_a?(String) } && instructions.is_a?(String)
      return render json: { error: "Invalid input" }, status: :bad_request
    end
    recipe = Recipe.new(title: title, ingredients: ingredients, instructions: instructions)
    return render json: { error: "Invalid input" }, status: :bad_request unless recipe.save

    render json: recipe.as_api_json, status: :created
  end

  def show
    avg = @recipe.average_rating
    count = @recipe.ratings.count
    body = +"<h1>#{h(@recipe.title)}</h1>"
    body << "<h2>Ingredients</h2><ul>" << @recipe.ingredients.map { |i| "<li>#{h(i)}</li>" }.join << "</ul>"
    body << "<h2>Instructions</h2><p>#{h(@recipe.instructions)}</p>"
    body << "<h2>Rating</h2><p>" << (avg ? "Average rating: #{avg.round(1)} (#{count} ratings)" : "Not rated yet") << "</p>"
    body << "<h2>Comments</h2><ul>" << @recipe.comments.map { |c| "<li>#{h(c.comment)}</li>" }.join << "</ul>"
    render_page(@recipe.title, body)
  end

  def add_comment
    comment = params[:comment]
    return render json: { error: "Invalid input" }, status: :bad_request unless comment.is_a?(String)

    record = @recipe.comments.new(comment: comment)
    return render json: { error: "Invalid input" }, status: :bad_request unless record.save

    render json: { message: "Comment added" }, status: :created
  end

  def add_rating
    rating = params[:rating]
    return render json: { error: "Invalid input" }, status: :bad_request unless rating.is_a?(Integer)

    record = @recipe.ratings.new(rating: rating)
    return render json: { error: "Invalid input" }, status: :bad_request unless record.save

    render json: { message: "Rating added" }, status: :created
  end

  private

  def find_recipe
    @recipe = Recipe.find_by(id: params[:id]) if params[:id].to_s.match?(/\A[1-9]\d{0,15}\z/)
    render json: { error: "Recipe not found" }, status: :not_found unless @recipe
  end

  def recipe_list(recipes)
    "<ul>" + recipes.map { |r| %(<li><a href="/recipes/#{r.id}">#{h(r.title)}</a></li>) }.join + "</ul>"
  end

  def render_page(title, body)
    html = %(<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>#{h(title)}</title></head><body>#{body}</body></html>)
    render html: html.html_safe
  end
end
