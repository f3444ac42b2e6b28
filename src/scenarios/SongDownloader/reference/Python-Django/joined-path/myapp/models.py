# No models: the songs are files in /var/songs.
