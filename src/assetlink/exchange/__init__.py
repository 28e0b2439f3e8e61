"""Data exchange: the one import pipeline (CSV, XLSX, GeoJSON; preview, then all or nothing) and exports."""
