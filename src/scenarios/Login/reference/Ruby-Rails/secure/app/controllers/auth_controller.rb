require "bcrypt"

class AuthController < ApplicationController
  EMAIL = /\A[^@\s]+@[^@\s]+\.[^@\s]+\z/

  before_action { UserStore.setup }

  def register
    email, password, name = params[:email], params[:password], params[:name]
    unless email.is_a?(String) && email.match?(EMAIL) && password.is_a?(String) && !password.empty? && name.is_a?(String)
      return render json: { message: "Email already in use or invalid data" }, status: :bad_request
    end
    if UserStore.find_by_email(email)
      return render json: { message: "Email already in use or invalid data" }, status: :bad_request
    end
    id = UserStore.create(email: email, name: name, password_digest: BCrypt::Password.create(password).to_s)
    return render json: { message: "Email already in use or invalid data" }, status: :bad_request unless id

    render json: { message: "Registration successful", userId: id }, status: :created
  end

  def login
    email, password = params[:email], params[:password]
    user = UserStore.find_by_email(email) if email.is_a?(String) && password.is_a?(String)
    unless user && BCrypt::Password.new(user["password_digest"]) == password
      return render json: { message: "Invalid email or password" }, status: :unauthorized
    end
    now = Time.now.to_i
    token = JwtToken.encode({ sub: user["id"], email: user["email"], iat: now, exp: now + 3600 }, secret)
    render json: { token: token, message: "Login successful" }, status: :ok
  end

  private

  def secret
    ENV["APP_SECRET"].presence || Rails.application.secret_key_base
  end
end
