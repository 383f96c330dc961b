"""One module per family of pages: each turns the site's data into a plain dict for its template."""
