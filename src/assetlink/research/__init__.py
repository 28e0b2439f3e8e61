"""Community research: researchers, projects, XLSForm surveys collected with ODK, and what they find."""
