"""Exports in published standards: schema.org JobPosting, OCDS, 360Giving and Open Referral HSDS."""
