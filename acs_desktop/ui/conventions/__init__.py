"""The Conventions tab: conventions, partners, surplus allocations and follow-up."""
