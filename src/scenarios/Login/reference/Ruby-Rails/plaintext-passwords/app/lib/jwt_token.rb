require "base64"
require "json"
require "openssl"

# HS256 JSON Web Tokens (no jwt gem among the allowed packages).
module JwtToken
  def self.encode(payload, secret)
    header = { alg: "HS256", typ: "JWT" }
    segments = [header, payload].map { |part| Base64.urlsafe_encode64(part.to_json, padding: false) }
    signature = OpenSSL::HMAC.digest("SHA256", secret, segments.join("."))
    (segments << Base64.urlsafe_encode64(signature, padding: false)).join(".")
  end
end
