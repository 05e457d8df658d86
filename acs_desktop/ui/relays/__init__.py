"""Onglet Relais : relais sociaux et référents."""
