"""Indicators over the outcome ledger: definitions, values, targets, snapshots, dashboards and equity."""
