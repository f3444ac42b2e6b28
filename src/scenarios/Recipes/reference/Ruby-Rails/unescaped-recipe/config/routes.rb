Rails.application.routes.draw do
  get "/recipes", to: "recipes#index"
  post "/recipes/upload", to: "recipes#create"
  get "/recipes/:id", to: "recipes#show"
  post "/recipes/:id/comments", to: "recipes#add_comment"
  post "/recipes/:id/ratings", to: "recipes#add_rating"
end
