class ApplicationController < ActionController::API
  rescue_from ActionDispatch::Http::Parameters::ParseError do
    render json: { error: "Invalid input or missing files." }, status: :bad_request
  end
end
