"""Stage 4, site: MkDocs builds the site from the compiled files (the plugin adds them as virtual files), then the
search index, the Content-Security-Policy and, for the offline copy, the bundle that works from disk."""
