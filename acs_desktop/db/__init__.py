"""The local store: one SQLite file, opened, checked and migrated here."""
