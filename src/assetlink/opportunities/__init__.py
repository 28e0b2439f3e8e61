"""Investments (macro assets) and what they create: jobs, contracts, grants, places, challenges."""
