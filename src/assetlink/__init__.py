"""assetlink: community wealth building around big investments."""
