"""Background work: tasks run by the database-backed worker, with progress shown to who started them."""
