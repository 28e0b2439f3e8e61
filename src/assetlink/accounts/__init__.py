"""User accounts: email login, multi-factor enforcement and API tokens."""
