"""The search: Pagefind's records and the geo/ files the search and map pages read."""
