"""Reference taxonomies: ESCO skills and occupations, CEFR and EQF levels."""
