# No admin site in this API.
