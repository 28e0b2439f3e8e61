"""The map of a programme: areas by deprivation with the assets and open opportunities in them."""
