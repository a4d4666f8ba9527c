"""The site: the plan (every address), the pages, the open data and the feed."""
