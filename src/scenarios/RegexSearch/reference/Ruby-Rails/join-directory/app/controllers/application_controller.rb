class ApplicationController < ActionController::API
  class BadRequest < StandardError; end

  rescue_from BadRequest do |e|
    render json: { error: e.message }, status: :bad_request
  end

  rescue_from StandardError do
    render json: { error: "Internal server error" }, status: :internal_server_error
  end
end
