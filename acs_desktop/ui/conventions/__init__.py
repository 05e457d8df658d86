"""Onglet Conventions : conventions, partenaires, répartitions et suivi."""
