"""Organisations: anchor institutions, social enterprises, community groups, firms and public bodies."""
