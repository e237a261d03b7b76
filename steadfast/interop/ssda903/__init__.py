"""The SSDA903 return: the Department for Education's yearly collection about children looked
after, read, checked with the Department's rules, loaded into Steadfast, written back out, and
counted for the stability measures straight from its files.

This package is the only place its column names and codes appear (docs/ssda903.md). A collection
year is named by the year its 31 March falls in: 2026 is the year 1 April 2025 to 31 March 2026,
written "2025/26" in the Department's guidance.
"""
