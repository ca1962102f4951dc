"""Reads of the outcomes app, shared by views, the CSV export, commands and the API."""
