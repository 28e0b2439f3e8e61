"""Timelines: notes and tasks on a programme's records (people, organisations, opportunities, referrals)."""
