"""Journeys: closed-loop referrals between partners, pathways with steps, support programmes, timelines."""
