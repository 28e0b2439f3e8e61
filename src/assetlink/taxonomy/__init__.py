"""Reference taxonomies: ESCO skills and occupations, CPV procurement codes, CEFR and EQF levels."""
