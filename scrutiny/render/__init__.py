"""Render the archive as Markdown pages (with HTML blocks) and SVG charts."""
