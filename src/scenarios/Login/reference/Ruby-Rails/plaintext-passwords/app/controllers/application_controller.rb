class ApplicationController < ActionController::API
  rescue_from ActionDispatch::Http::Parameters::ParseError do
    render json: { message: "Invalid request" }, status: :bad_request
  end
end
