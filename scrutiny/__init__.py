"""Performance surgery records: load, check, model, compute, render, export.

A plain-Python core; nothing here imports MkDocs (the hook in hooks/ translates).
"""
