"""Areas (neighbourhoods with deprivation and population) and the postcode → area lookup."""
