"""English formats, as written in the United Kingdom and Ireland."""
