"""Audit trail of every service write and access log of every view of personal data."""
