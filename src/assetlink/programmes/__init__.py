"""Programmes (the tenant boundary), their partners, work packages and members' roles."""
