"""Small reusable widgets and Qt helpers."""
