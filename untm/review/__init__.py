"""Reviewing an alignment: the session model and its browser editor (`untm review`)."""
