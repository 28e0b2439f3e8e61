"""People (participants): profile, consent per purpose, skills and credentials, self-service and erasure."""
