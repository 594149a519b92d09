"""Extraction: text in, relation candidates out. One module per stage, data flowing one way."""
