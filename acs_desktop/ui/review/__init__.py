"""Onglet Bilan : chiffres de la saison, tableaux et texte du bilan."""
