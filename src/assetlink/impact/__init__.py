"""Impact: the append-only outcome ledger from which every reported number is derived."""
