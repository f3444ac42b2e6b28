Rails.application.configure do
  config.enable_reloading = false
  config.eager_load = false
  config.consider_all_requests_local = false
  config.cache_store = :null_store
  config.active_support.deprecation = :log
  config.hosts.clear
end
