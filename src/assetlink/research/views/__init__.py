"""Research pages, by subject: fieldwork (projects, surveys, responses, researchers, filling in) and
evidence (analysis, coding, findings, plans)."""
