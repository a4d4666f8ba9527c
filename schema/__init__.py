"""The JSON Schemas of the records, installed with the code as the package scrutiny.schemas."""
