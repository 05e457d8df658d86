"""The Review tab: the season's figures, tables and review text."""
